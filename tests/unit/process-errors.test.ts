/**
 * An error that escapes every request is logged and Coplan keeps serving; past ten a minute it
 * stops cleanly for its supervisor to restart it. Tried in real child processes, since these are
 * process-wide handlers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildApp, PASSWORD } from "../helpers/app.ts";
import { planWithBrokenDrawing } from "../helpers/broken-drawing.ts";
import { freePort, signIn, startCoplan, stopCoplan } from "../../scripts/support/coplan-process.ts";

const MODULE = fileURLToPath(new URL("../../src/process-errors.ts", import.meta.url));

function run(body: string) {
  const code = `import { keepServingOnEscapedErrors } from ${JSON.stringify(MODULE)};
keepServingOnEscapedErrors({ restart: (reason) => { console.log("RESTART " + reason); process.exit(3); } });
${body}`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8", timeout: 20_000 });
}

describe("errors that escape a request", () => {
  it("are logged, and the process keeps serving", () => {
    const r = run(`
setTimeout(() => { throw new Error("thrown from a library's callback"); }, 10);
Promise.reject(new Error("a promise nobody awaited"));
setTimeout(() => console.log("still serving"), 300);`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("still serving");
    expect(r.stdout).not.toContain("RESTART");
    expect(r.stderr).toContain("thrown from a library's callback");
    expect(r.stderr).toContain("a promise nobody awaited");
  });

  it("past ten within a minute, stop the process cleanly for its supervisor to restart", () => {
    const r = run(`for (let i = 0; i < 10; i++) setTimeout(() => { throw new Error("again " + i); }, 5 * i);
setTimeout(() => console.log("still serving"), 1000);`);
    expect(r.stdout).toMatch(/RESTART 10 errors escaped requests within 60 s/);
    expect(r.status).toBe(3);
  });

  it("a plan with a broken stored drawing: its PDF does not stop the server", async () => {
    const built = await buildApp();
    const plan = await planWithBrokenDrawing(built.store, built.user.id, built.deps.signer);
    await built.deps.store.close?.();
    await built.deps.audit.close();
    execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
    const app = await startCoplan({ dataDir: built.dataDir, port: await freePort() });
    try {
      const cookie = await signIn(app, "casey", PASSWORD);
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${app.base}/plans/${plan.id}/retainer.pdf`, { headers: { Cookie: cookie } });
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await fetch(`${app.base}/health`)).status).toBe(200);
      expect(app.child.exitCode).toBeNull();
    } finally {
      await stopCoplan(app);
    }
  }, 60_000);
});
