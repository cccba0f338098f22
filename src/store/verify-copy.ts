/**
 * After `npm run store:migrate` has copied a store: everything read back FROM PostgreSQL, through
 * the stores the app serves from, and compared with what was read from the data folder. The copy
 * is faithful when every plan and account reads back the same, every seal gives the same verdict
 * as it did in the folder (with the same key and the same list of old seals), and the audit log's
 * chain and signed head give the same verdict too. A seal or log that was already broken in the
 * folder is copied as it was, as evidence, and reported, not hidden or repaired.
 */
import { inEnglish } from "../i18n/translator.ts";
import type { Accounts } from "../auth/users.ts";
import type { LogVerdict } from "../audit/scan.ts";
import { canonicalJson } from "../signing/canonical.ts";
import { type SealKey, verifySeal } from "../signing/seal.ts";
import type { EmbeddedSource } from "./embedded-source.ts";
import type { PlanStore, StoredPlan } from "./plan-store.ts";

export interface SealTally {
  /** Seals signed with the installation's key that verify. */
  keyed: number;
  /** Seals made before keyed seals existed, that verify by their hash (and the signed list of them). */
  unkeyed: number;
  broken: { planId: string; version: number; problem: string }[];
}

export interface CopyCheck {
  /** Where the database differs from the folder: the copy cannot be trusted. Empty when faithful. */
  differences: string[];
  /** Every signed version's seal, current and earlier, as read back from PostgreSQL. */
  seals: SealTally;
  /** The audit log as read back from PostgreSQL. */
  audit: LogVerdict;
}

/** Each seal's verdict, by plan and version: "keyed", "unkeyed", or what is wrong. */
function verdicts(plans: StoredPlan[], key: SealKey): Map<string, { planId: string; version: number; verdict: string }> {
  const out = new Map<string, { planId: string; version: number; verdict: string }>();
  for (const plan of plans) {
    for (const sealed of [...plan.history.map((h) => h.sealed), ...(plan.sealed ? [plan.sealed] : [])]) {
      const check = verifySeal(plan.id, sealed, key);
      out.set(`${plan.id} ${sealed.version}`, { planId: plan.id, version: sealed.version, verdict: check.ok ? check.scheme : inEnglish(check.problem) });
    }
  }
  return out;
}

/** The part of a log's verdict that must survive the copy. */
const auditGist = (v: LogVerdict) => canonicalJson({ ok: v.ok, count: v.count, head: v.head, headSeq: v.headSeq, since: v.since, problems: v.problems });

export interface ReadBack {
  plans: PlanStore;
  users: Accounts;
  /** How many password-reset links the database holds. */
  resetLinks: () => Promise<number>;
  /** The audit log's verdict, read from the database. */
  audit: () => Promise<LogVerdict>;
}

/** `auditBefore` is the folder's own log verdict (taken before the copy, with the same key). */
export async function checkCopy(source: EmbeddedSource, auditBefore: LogVerdict, db: ReadBack): Promise<CopyCheck> {
  const differences: string[] = [];

  const seals: SealTally = { keyed: 0, unkeyed: 0, broken: [] };
  const listed = await db.plans.list();
  if (listed.length !== source.planIds.length) differences.push(`The folder holds ${source.planIds.length} plans, the database lists ${listed.length}.`);
  // One plan at a time, read again from the folder: memory does not grow with the store.
  for (const id of source.planIds) {
    const { plan } = source.readPlan(id);
    const back = await db.plans.get(plan.id);
    if (!back) {
      differences.push(`Plan ${plan.id} is not in the database.`);
      continue;
    }
    if (canonicalJson(back) !== canonicalJson(plan)) differences.push(`Plan ${plan.id} reads back differently from its file.`);
    const before = verdicts([plan], source.signer);
    for (const [at, a] of verdicts([back], source.signer)) {
      const b = before.get(at);
      if (b?.verdict !== a.verdict) differences.push(`The seal of plan ${a.planId} version ${a.version} was "${b?.verdict ?? "absent"}" in the folder, and is "${a.verdict}" read back.`);
      if (a.verdict === "keyed") seals.keyed++;
      else if (a.verdict === "unkeyed") seals.unkeyed++;
      else seals.broken.push({ planId: a.planId, version: a.version, problem: a.verdict });
    }
  }

  const users = await db.users.all();
  if (canonicalJson(users) !== canonicalJson(source.users)) differences.push(`The accounts read back (${users.length}) differ from users.json's (${source.users.length}).`);
  const links = await db.resetLinks();
  if (links !== source.resetLinks.length) differences.push(`The folder holds ${source.resetLinks.length} password-reset links, the database ${links}.`);

  const audit = await db.audit();
  if (auditGist(audit) !== auditGist(auditBefore)) {
    differences.push(`The audit log checked ${describeLog(auditBefore)} in the folder, and ${describeLog(audit)} read back.`);
  }
  return { differences, seals, audit };
}

/** A log's verdict in a few words, for the report. */
export function describeLog(v: LogVerdict): string {
  if (!v.ok) return `broken (${v.count} entries): ${v.problems.join(" ")}`;
  const entries = `${v.count} ${v.count === 1 ? "entry chains" : "entries chain"} up`;
  if (v.head === "signed") return `intact: ${entries}, and entry ${v.headSeq} is the signed head${v.since > 0 ? ` (entries 1 to ${v.since} predate signing)` : ""}`;
  return `intact: ${entries} (no signed head yet)`;
}
