/**
 * Checks stored plans against the practice rules, so supervisors and trainers can review plans in
 * bulk:
 *   npm run --silent plan:check -- [--today YYYY-MM-DD] FILE_OR_FOLDER...
 * A folder means every .json file in it (for example data/store/plans).
 *
 * Prints one JSON line per finding on standard output: {file, rule, severity, where, about,
 * message, triggers, practice, rewrite}. `about` names the item ("Goal 2 “Feel better”"),
 * `triggers` are the words that raised it, `practice` the practice it comes from
 * (src/practice/practices.ts), and `rewrite` the suggested wording, present only where the
 * coaching offers one, so rewrites can be reviewed outside the app.
 * Exit status: 0 no findings; 1 findings; 2 a file could not be read or is not a valid stored plan
 * (named on standard error, with what is wrong; the other files are still checked, and 2 wins).
 * Without --today, today is the date in COPLAN_TIMEZONE. Encrypted plan files are read with
 * COPLAN_ENCRYPTION_KEY, the same key the server uses.
 * Reads only: it never writes a plan, so it is safe to run while Coplan is running.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { PlanDataSchema } from "../src/domain/plan.ts";
import { isMsgText, translator } from "../src/i18n/translator.ts";
import { findingWords } from "../src/plans/finding-words.ts";
import { checkPlan } from "../src/practice/index.ts";
import { isIsoDate } from "../src/practice/dates.ts";
import { loadSettings } from "../src/settings.ts";
import { todayIn } from "../src/time.ts";
import { decrypt, isEncrypted } from "../src/store/encryption.ts";
import { StoredPlanSchema } from "../src/store/plan-store.ts";

const USAGE = "usage: npm run --silent plan:check -- [--today YYYY-MM-DD] FILE_OR_FOLDER...";

class BadFile extends Error {}

/** Today where the agency works (COPLAN_TIMEZONE), so "past" agrees with the caseload's overdue list. */
function agencyToday(): string {
  return todayIn(loadSettings().timeZone, new Date());
}

/** A schema's message in English: the plan's own messages are catalog messages (msgText), zod's are words. */
const english = (message: string): string => (isMsgText(message) ? translator("en", "UTC").t(message) : message);

function describeIssues(error: z.ZodError, prefix = ""): string {
  const shown = error.issues.slice(0, 5).map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(top level)"}: ${english(i.message)}`);
  const more = error.issues.length > shown.length ? `; and ${error.issues.length - shown.length} more` : "";
  return shown.join("; ") + more;
}

let key: Buffer | undefined | null = null;
/** Read the key only when an encrypted file turns up, so plain files never depend on settings. */
function encryptionKey(): Buffer | undefined {
  key ??= loadSettings().encryptionKey;
  return key;
}

/** The plan's answers from a stored plan file's text, or a BadFile saying what is wrong. */
function planDataOf(text: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new BadFile(`is not JSON (${(err as Error).message})`);
  }
  if (isEncrypted(raw)) {
    if (!encryptionKey()) throw new BadFile("is encrypted; set COPLAN_ENCRYPTION_KEY to the key Coplan uses to read it");
    try {
      raw = JSON.parse(decrypt(raw, encryptionKey()));
    } catch (err) {
      throw new BadFile(`cannot be decrypted: ${(err as Error).message}`);
    }
  }
  const stored = StoredPlanSchema.safeParse(raw);
  if (!stored.success) throw new BadFile(`is not a Coplan stored plan: ${describeIssues(stored.error)}`);
  const context = stored.data.snapshot.context as { data?: unknown } | undefined;
  const data = PlanDataSchema.safeParse(context?.data);
  if (!data.success) throw new BadFile(`holds plan answers that are not valid: ${describeIssues(data.error, "snapshot.context.data")}`);
  return data.data;
}

/** The files named, with each folder replaced by its .json files in name order. */
function expand(paths: string[], fail: (file: string, problem: string) => void): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // not there: reported when it is read, like any other unreadable file
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(path).filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort();
    if (inside.length === 0) fail(path, "is a folder with no .json plan files in it");
    files.push(...inside.map((n) => join(path, n)));
  }
  return files;
}

function unreadable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "cannot be read: there is no such file";
  if (code === "EACCES" || code === "EPERM") return "cannot be read: permission denied";
  return `cannot be read: ${(err as Error).message}`;
}

function main(argv: string[]): number {
  let args: ReturnType<typeof parseArgs<{ options: { today: { type: "string" }; help: { type: "boolean"; short: "h" } }; allowPositionals: true }>>;
  try {
    args = parseArgs({ args: argv, options: { today: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (err) {
    process.stderr.write(`plan-check: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\nPrints one JSON line per finding. Exit 0: no findings; 1: findings; 2: a file could not be checked.\n`);
    return 0;
  }
  let today: string;
  try {
    today = args.values.today ?? agencyToday();
  } catch (err) {
    process.stderr.write(`plan-check: ${(err as Error).message}\n`);
    return 2;
  }
  if (!isIsoDate(today)) {
    process.stderr.write(`plan-check: --today must be a real date like 2026-11-24, not "${today}"\n`);
    return 2;
  }
  if (args.positionals.length === 0) {
    process.stderr.write(`plan-check: name one or more stored plan files or folders\n${USAGE}\n`);
    return 2;
  }

  let status = 0;
  const fail = (file: string, problem: string) => {
    process.stderr.write(`plan-check: ${file} ${problem}\n`);
    status = 2;
  };
  for (const file of expand(args.positionals, fail)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      fail(file, unreadable(err));
      continue;
    }
    try {
      // The output is data read by scripts and people at a terminal: its words stay English.
      const say = (m: Parameters<typeof findingWords>[1]) => findingWords(translator("en", "UTC"), m); // calendar days only: no time zone needed
      for (const f of checkPlan(planDataOf(text), today)) {
        const about = f.about && { kind: f.about.kind, ...(f.about.id === undefined ? {} : { id: f.about.id }), label: say(f.about.label) };
        const line = { file, rule: f.rule, severity: f.severity, where: f.where, about, message: say(f.message), triggers: f.triggers, practice: f.practice, rewrite: f.rewrite };
        process.stdout.write(JSON.stringify(line) + "\n"); // undefined fields are left out

        if (status === 0) status = 1;
      }
    } catch (err) {
      if (!(err instanceof BadFile)) throw err;
      fail(file, err.message);
    }
  }
  return status;
}

// Set the code rather than exit, so everything written reaches a pipe before the process ends.
process.exitCode = main(process.argv.slice(2));
