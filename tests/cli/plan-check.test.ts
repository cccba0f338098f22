import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.ts";
import { encrypt } from "../../src/store/encryption.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = join(ROOT, "data/examples/plan.json");
const TODAY = "2026-11-24";


/** Runs the checker as a separate process, as `npm run plan:check` does. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runScript("plan-check.ts", args, env);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const lines = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

let dir: string;
/** A copy of the example plan, changed, written to a file in the temp folder. */
function planFile(name: string, change: (plan: any) => void = () => {}): string {
  const plan = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  change(plan);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}
const overPromise = (plan: any) => {
  plan.snapshot.context.data.actions[0].commitment = "I will find you a doctor by 2026-12-08.";
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-check-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run plan:check", () => {
  it("exits 0 and prints nothing for a plan with no findings", async () => {
    const r = await run(["--today", TODAY, EXAMPLE]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("exits 1 and prints each finding as a JSON line naming the file", async () => {
    const file = planFile("promise.json", overPromise);
    const r = await run(["--today", TODAY, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(lines(r.stdout)).toEqual([
      {
        file,
        rule: "contract-over-promise",
        severity: "warning",
        where: { section: "contract", itemId: "a9" },
        about: { kind: "commitment", id: "a9", label: "Commitment for action “Refer Dana to the council's rent arrears fund”" },
        message: expect.stringContaining("depends on others"),
        triggers: ["will find"],
        practice: "contract.no-over-promise",
        rewrite: "I will research options for a doctor by 2026-12-08 and make referrals if any are available.",
      },
    ]);
  });

  it("prints a rewrite field only where the coaching offers one", async () => {
    const file = planFile("open.json", (plan: any) => {
      plan.snapshot.context.data.actions[0].commitment = "I will help with housing.";
      plan.snapshot.context.data.goals[1].restatement = "Reduce my anxiety symptoms";
    });
    const r = await run(["--today", TODAY, file]);
    const found = lines(r.stdout).map((f) => [f.rule, f.rewrite]);
    expect(found).toContainEqual(["goal-scope", "Find free or low-cost treatment options for anxiety."]);
    expect(found).toContainEqual(["contract-open-ended", undefined]);
    expect(lines(r.stdout).find((f) => f.rule === "contract-open-ended")).not.toHaveProperty("rewrite");
  });

  it("checks against the day given with --today", async () => {
    const r = await run(["--today", "2026-12-05", EXAMPLE]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((f) => [f.rule, f.where.itemId])).toEqual([
      ["target-past", "a10"],
      ["target-past", "a11"],
    ]);
  });

  it("checks against today in COPLAN_TIMEZONE when no --today is given", async () => {
    const old = planFile("old.json", (p) => {
      Object.assign(p.snapshot.context.data.setup, { planDate: "2020-01-06", annualReviewDate: "2021-01-06" });
      for (const a of p.snapshot.context.data.actions) a.targetDate = { kind: "date", date: "2020-02-03" };
      for (const a of p.snapshot.context.data.actions) delete a.commitment;
    });
    const r = await run([old], { COPLAN_TIMEZONE: "Pacific/Auckland" });
    expect(r.code).toBe(1);
    const past = lines(r.stdout).filter((f) => f.rule === "target-past");
    expect(past.map((f) => f.where.itemId)).toEqual(["a9", "a10", "a11", "a12"]);

    const wrongZone = await run([old], { COPLAN_TIMEZONE: "Mars/Olympus" });
    expect(wrongZone.code).toBe(2);
    expect(wrongZone.stderr).toContain("COPLAN_TIMEZONE");
  });

  it("exits 2 for files it cannot check, says why on stderr, and still checks the others", async () => {
    const notJson = join(dir, "not-json.json");
    writeFileSync(notJson, "{ this is not json");
    const notAPlan = join(dir, "package.json");
    writeFileSync(notAPlan, JSON.stringify({ name: "coplan" }));
    const badAnswers = planFile("bad-answers.json", (p) => (p.snapshot.context.data.goals[0].clientWords = "   "));
    const missing = join(dir, "missing.json");
    const good = planFile("promise.json", overPromise);

    const r = await run(["--today", TODAY, notJson, missing, notAPlan, badAnswers, good]);
    expect(r.code).toBe(2);
    const errors = r.stderr.trim().split("\n");
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^plan-check: ${escape(notJson)} is not JSON`)),
      `plan-check: ${missing} cannot be read: there is no such file`,
      expect.stringMatching(new RegExp(`^plan-check: ${escape(notAPlan)} is not a Coplan stored plan: format: .*"coplan.plan"`)),
      `plan-check: ${badAnswers} holds plan answers that are not valid: snapshot.context.data.goals.0.clientWords: Please write something here.`,
    ]);
    expect(lines(r.stdout).map((f) => [f.file, f.rule])).toEqual([[good, "contract-over-promise"]]);
  });

  it("checks every .json file in a folder, in name order", async () => {
    const folder = join(dir, "plans");
    mkdirSync(folder);
    writeFileSync(join(folder, "b.json"), readFileSync(EXAMPLE));
    const a = planFile("plans/a.json", overPromise);
    writeFileSync(join(folder, "notes.txt"), "not a plan");
    const r = await run(["--today", TODAY, folder]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((f) => f.file)).toEqual([a]);
  });

  it("reads an encrypted plan with COPLAN_ENCRYPTION_KEY, and says so without it", async () => {
    const key = randomBytes(32);
    const file = join(dir, "encrypted.json");
    writeFileSync(file, encrypt(readFileSync(planFile("plain.json", overPromise), "utf8"), key));

    const without = await run(["--today", TODAY, file]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain(`${file} is encrypted; set COPLAN_ENCRYPTION_KEY`);

    const withKey = await run(["--today", TODAY, file], { COPLAN_ENCRYPTION_KEY: key.toString("hex") });
    expect(withKey.code).toBe(1);
    expect(lines(withKey.stdout).map((f) => f.rule)).toEqual(["contract-over-promise"]);
  });

  it.each([
    [["--today", "2026-02-30", "x.json"], /--today must be a real date/],
    [["--today", TODAY], /name one or more stored plan files/],
    [["--colour", "x.json"], /Unknown option '--colour'/],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});
