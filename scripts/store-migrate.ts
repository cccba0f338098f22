/**
 * Copies an embedded store (a data folder) into an empty PostgreSQL database:
 *   COPLAN_DATABASE_URL=postgres://… npm run store:migrate -- --from data/store
 * Stop Coplan first. The folder is only read, never changed. With COPLAN_ENCRYPTION_KEY set the
 * plans are read with it and stored encrypted with it; COPLAN_SIGNING_KEY is needed only if the
 * store ran with its key there rather than in keys/. Everything is copied in one transaction, then
 * read back from PostgreSQL and checked: the counts and the verdicts are printed. The exit code is 0
 * when the copy is faithful and every seal and the audit log verify; 2 when it is faithful but a
 * seal or the log was already broken in the folder (copied as it was, as evidence); 1 otherwise.
 * See src/store/copy-store.ts, embedded-source.ts, verify-copy.ts.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseHead } from "../src/audit/head.ts";
import { PgAuditLog } from "../src/audit/pg-audit-log.ts";
import { scanLog } from "../src/audit/scan.ts";
import { summarize } from "../src/plans/conversation.ts";
import { loadSettings } from "../src/settings.ts";
import { type CopyCounts, copyStore, DatabaseHoldsDataError, SchemaError } from "../src/store/copy-store.ts";
import { isDatabaseUnreachable } from "../src/store/db-unreachable.ts";
import { readEmbeddedStore, SourceError } from "../src/store/embedded-source.ts";
import { CorruptFileError } from "../src/store/file-errors.ts";
import { createPool } from "../src/store/pg-pool.ts";
import { PgPlanStore } from "../src/store/pg-store.ts";
import { PgUserStore } from "../src/store/pg-users.ts";
import { type CopyCheck, checkCopy, describeLog } from "../src/store/verify-copy.ts";

/** A mistake in how the command was run: said plainly, without a stack. */
class UsageError extends Error {}

/** Where the copy had got to, for an error's message: before the commit nothing is in the database. */
let committed = false;
let target = "";

async function main(): Promise<number> {
  let from: string | undefined;
  try {
    from = parseArgs({ options: { from: { type: "string" } } }).values.from;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. Use: npm run store:migrate -- --from <data folder>`);
  }
  if (!from) throw new UsageError("Say which data folder to copy: npm run store:migrate -- --from <data folder> (Coplan's COPLAN_DATA_DIR; data/store by default).");
  const settings = loadSettings();
  if (!settings.databaseUrl) {
    throw new UsageError("COPLAN_DATABASE_URL is not set. Set it to the address of the new, empty PostgreSQL database to copy into, e.g. postgres://coplan:PASSWORD@localhost/coplan (README, PostgreSQL).");
  }
  target = databaseName(settings.databaseUrl);
  const source = readEmbeddedStore(resolve(from), { encryptionKey: settings.encryptionKey, signingKey: settings.signingKey });
  const auditBefore = await scanLog(source.auditFile, source.headText === null ? { kind: "none" } : parseHead(source.headText, source.signer));

  const pool = createPool(settings.databaseUrl, { max: 2 });
  const now = () => new Date();
  const plans = new PgPlanStore({ pool, now, summarize, encryptionKey: settings.encryptionKey, freeze: false });
  try {
    const counts = await copyStore(source, pool, plans);
    committed = true;
    printCounts(source.dataDir, counts);
    const check = await checkCopy(source, auditBefore, {
      plans,
      users: new PgUserStore(pool, now),
      resetLinks: async () => Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM reset_links")).rows[0].n),
      audit: () => new PgAuditLog(pool, now, source.signer).check(),
    });
    printCheck(check);
    if (check.differences.length) return 1;
    // Faithful, but not all of it verifies: as seal:verify does, 2 sets that apart from a failure.
    return check.seals.broken.length || !check.audit.ok ? 2 : 0;
  } finally {
    await plans.close();
    await pool.end();
  }
}

function printCounts(dataDir: string, c: CopyCounts): void {
  const rows: [string, string][] = [
    ["plans", `${c.plans}${c.practicePlans ? ` (${c.practicePlans} of them practice plans)` : ""}`],
    ["signed versions", `${c.signedVersions}`],
    ["earlier versions", `${c.earlierVersions}`],
    ["accounts", `${c.accounts}`],
    ["review links", `${c.reviewLinks}`],
    ["calendar tokens", `${c.calendarTokens}`],
    ["password-reset links", `${c.resetLinks}`],
    ["audit entries", `${c.auditEntries}${c.auditHead ? " (and the signed head)" : " (no signed head)"}`],
  ];
  console.log(`Copied ${dataDir} into ${target}, in one transaction:`);
  for (const [what, n] of rows) console.log(`  ${what.padEnd(22)}${n}`);
  if (c.fromJournal) console.log(`  (${c.fromJournal} plan${c.fromJournal === 1 ? "'s" : "s'"} last save taken from the journal a crash or kill left in the folder)`);
}

function printCheck(check: CopyCheck): void {
  const { keyed, unkeyed, broken } = check.seals;
  console.log("Read back from PostgreSQL:");
  console.log(`  seals: ${keyed + unkeyed} of ${keyed + unkeyed + broken.length} verify (${keyed} with the installation's key, ${unkeyed} made before keyed seals)`);
  for (const b of broken) console.log(`  NOT VERIFIED, as already in the folder: plan ${b.planId} version ${b.version}: ${b.problem}`);
  console.log(`  audit log: ${describeLog(check.audit)}`);
  if (check.differences.length) {
    console.error("The copy in PostgreSQL does NOT match the folder:");
    for (const d of check.differences) console.error(`  ${d}`);
    console.error(`Do not start Coplan on ${target}. The folder is unchanged: drop and create the database again before another attempt.`);
    return;
  }
  console.log("Every plan, account and link reads back as it was, and every seal and the audit log give the verdict they gave in the folder.");
  if (broken.length || !check.audit.ok) {
    console.error(
      "The copy is faithful, but what was already broken in the folder is broken in PostgreSQL too (listed above): it was copied as it was, " +
        "as evidence, and Coplan will flag it there as it did before. Tell whoever looks after the records.",
    );
  }
  console.log(
    "The folder was only read: nothing in it changed. Start Coplan with COPLAN_DATABASE_URL set and COPLAN_DATA_DIR still naming this folder " +
      "(or a copy of its keys/ folder): the signing key and the list of old seals stay outside the database.",
  );
}

/** The database's address without its password, to name it in messages. */
function databaseName(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname || "localhost"}${u.port ? `:${u.port}` : ""}, database ${decodeURIComponent(u.pathname.slice(1)) || "(the user's)"}`;
  } catch {
    return "PostgreSQL";
  }
}

/** Errors a person can put right get their message alone; anything else is a bug and keeps its stack. */
function explain(err: unknown): string {
  if (isDatabaseUnreachable(err)) {
    return `Could not reach ${target || "PostgreSQL"} (${(err as Error).message || String(err)}). Is PostgreSQL running, and is COPLAN_DATABASE_URL right?`;
  }
  const expected =
    err instanceof UsageError ||
    err instanceof SourceError ||
    err instanceof CorruptFileError ||
    err instanceof DatabaseHoldsDataError ||
    err instanceof SchemaError ||
    // Coplan's settings, and PostgreSQL's own refusals (a wrong password, no such database): each says what is wrong.
    (err instanceof Error && (err.message.startsWith("Coplan's settings are not valid") || typeof (err as { code?: unknown }).code === "string"));
  if (expected) return (err as Error).message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Before the commit the transaction rolled back: the database holds none of the store.
    const state = committed ? "The copy was committed to the database, but checking it did not finish:" : "Nothing was copied:";
    console.error(`${state} ${explain(err)}`);
    process.exitCode = 1;
  },
);
