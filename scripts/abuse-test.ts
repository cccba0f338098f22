/**
 * `npm run test:abuse`: tries, against a running Coplan, what a careless user or an attacker would
 * send (issue 18, sections 5 and 6), and prints one line per attempt: what was sent, what came
 * back, the server's memory before and after, and whether the process lived.
 *
 * Three servers, each as `npm start` runs it (scripts/support/coplan-process.ts):
 *   1. a small caseload, for everything a signed-in or anonymous user can send;
 *   2. an empty data folder, for the one-time set-up link and the modes of what Coplan creates;
 *   3. the first store again after it stopped, with a stored drawing damaged on disk.
 * Exits 1 if any attempt failed or the process died. Finishes in a few minutes on 2 cores.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/auth/passwords.ts";
import { UserStore } from "../src/auth/users.ts";
import { call, signInAs, slowHeaders } from "./support/abuse-http.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { type Coplan, freePort, rssMb, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { setupItems, startItems, trustItems } from "./support/abuse-items.ts";

/** A PNG cut off after its header: what a torn upload or a hand edit leaves. */
const DAMAGED_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAB9AAAAPoCAYAAAA";

const ROOT = join(fileURLToPath(new URL("..", import.meta.url)), ".bench", "abuse");

export interface Outcome {
  sent: string;
  got: string;
  pass: boolean;
}
export interface Item {
  name: string;
  run: (ctx: Ctx) => Promise<Outcome>;
}
export interface Ctx {
  app: Coplan;
  base: string;
  dataDir: string;
  cookies: { cm: string; sup: string; admin: string; cal: string };
  ids: { cal: string; victim: string };
  plans: { review: string[]; actions: string[]; damaged: string[]; signed?: string };
  password: string;
}

let failures = 0;

async function alive(app: Coplan): Promise<boolean> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return false;
  try {
    return (await call(app.base, "/health")).status === 200;
  } catch {
    return false;
  }
}

/** Runs one attempt and prints its line; a thrown error is a failed attempt, not a stopped run. */
async function attempt(ctx: Ctx, item: Item): Promise<void> {
  const pid = ctx.app.child.pid!;
  const before = rssMb(pid);
  let outcome: Outcome;
  try {
    outcome = await item.run(ctx);
  } catch (err) {
    outcome = { sent: "-", got: `error: ${err instanceof Error ? err.message : String(err)}`, pass: false };
  }
  const lived = await alive(ctx.app);
  const after = lived ? rssMb(pid) : NaN;
  const ok = outcome.pass && lived;
  if (!ok) failures++;
  console.log(
    `${ok ? "PASS" : "FAIL"}  ${item.name}\n      sent: ${outcome.sent}\n      got:  ${outcome.got}\n      memory: ${before.toFixed(1)} MB -> ${lived ? after.toFixed(1) : "?"} MB; process ${lived ? "lived" : "DIED"}`,
  );
  if (!lived) throw new Error(`Coplan died on "${item.name}"; stderr:\n${ctx.app.stderr().slice(-2000)}`);
}

async function main() {
  const started = performance.now();
  rmSync(ROOT, { recursive: true, force: true });
  // Cheap hashes for the accounts this run signs in with: the run is about limits, not scrypt's cost.
  const passwordHash = await hashPassword(BENCH_USER.password, { N: 2 ** 12, r: 8, p: 1, keylen: 32 });
  const dataDir = join(ROOT, "store");
  // The signed plans hold a drawing cut off after its header, stored before uploads were checked.
  const store = await generateStore(dataDir, 10, { passwordHash, mix: [["review", 0.4], ["actions", 0.4], ["signed", 0.2]], drawings: [DAMAGED_PNG] });
  const users = new UserStore(dataDir, () => new Date());
  const add = (username: string, role: "case-manager" | "supervisor" | "admin") =>
    users.add({ username, displayName: `Abuse ${username}`, role, password: BENCH_USER.password, passwordHash });
  const [sup, admin, cal, victim] = [await add("abuse-sup", "supervisor"), await add("abuse-admin", "admin"), await add("abuse-cal", "case-manager"), await add("abuse-victim", "case-manager")];

  console.log("Server 1: a small caseload");
  const app = await startCoplan({ dataDir, port: await freePort() });
  // A half-sent request, held open from the start: the server must close it by itself.
  const slow = slowHeaders(app.base, 75_000);
  const ctx: Ctx = {
    app,
    base: app.base,
    dataDir,
    password: BENCH_USER.password,
    cookies: {
      cm: await signInAs(app.base, BENCH_USER.username, BENCH_USER.password),
      sup: await signInAs(app.base, sup.username, BENCH_USER.password),
      admin: await signInAs(app.base, admin.username, BENCH_USER.password),
      cal: await signInAs(app.base, cal.username, BENCH_USER.password),
    },
    ids: { cal: cal.id, victim: victim.id },
    plans: {
      review: store.plans.filter((p) => p.kind === "review").map((p) => p.id),
      actions: store.plans.filter((p) => p.kind === "actions").map((p) => p.id),
      damaged: store.plans.filter((p) => p.kind === "signed").map((p) => p.id),
    },
  };
  try {
    for (const item of trustItems) await attempt(ctx, item);
    await attempt(ctx, {
      name: "a request whose headers never finish (slowloris)",
      run: async () => {
        const ms = await slow;
        return { sent: "GET /signin with its headers left unfinished, held open", got: ms === null ? "still open after 75 s" : `closed by the server after ${(ms / 1000).toFixed(1)} s`, pass: ms !== null };
      },
    });
  } finally {
    // Let the last checkpoint write the plan files before they are read and damaged below.
    await new Promise((r) => setTimeout(r, 1500));
    await stopCoplan(app);
  }

  console.log("\nServer 2: a data folder Coplan creates itself");
  const freshDir = join(ROOT, "fresh", "data");
  const fresh = await startCoplan({ dataDir: freshDir, port: await freePort() });
  try {
    for (const item of setupItems) await attempt({ ...ctx, app: fresh, base: fresh.base, dataDir: freshDir }, item);
  } finally {
    await stopCoplan(fresh);
  }

  console.log("\nServer 3: the first store again, with a signed plan's file edited on disk");
  if (ctx.plans.signed) {
    const file = join(dataDir, "plans", `${ctx.plans.signed}.json`);
    // What someone with access to the files might do: a drawing swapped after signing.
    writeFileSync(file, readFileSync(file, "utf8").replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, DAMAGED_PNG));
  }
  const again = await startCoplan({ dataDir, port: await freePort() });
  try {
    const cm = await signInAs(again.base, BENCH_USER.username, BENCH_USER.password);
    for (const item of startItems) await attempt({ ...ctx, app: again, base: again.base, cookies: { ...ctx.cookies, cm } }, item);
  } finally {
    await stopCoplan(again);
  }

  console.log(`\n${failures === 0 ? "Every attempt was refused or handled, and Coplan lived." : `${failures} attempt(s) FAILED.`} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(`test:abuse could not run: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
