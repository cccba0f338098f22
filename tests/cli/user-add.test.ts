/** `npm run user:add`: a name is one line, as on the add-user form. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-add.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COPLAN_DATA_DIR: dataDir },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("adding a user from the command line", () => {
  it("refuses a name with a line break, says why, and adds no one", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "coplan-cli-"));
    const res = await run(["--username", "eve", "--name", "Eve\r\nX-INJECTED:1", "--role", "case-manager"], dataDir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("A name is one line of text: no line breaks, tabs or other control characters.");
    const users = join(dataDir, "users.json");
    expect(existsSync(users) ? readFileSync(users, "utf8") : "").not.toContain("eve");
  }, 30_000);
});
