/** `npm run user:add`: a name is one line, as on the add-user form. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.ts";


function run(args: string[], dataDir: string): Promise<Run> {
  return runScript("user-add.ts", args, { COPLAN_DATA_DIR: dataDir });
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
