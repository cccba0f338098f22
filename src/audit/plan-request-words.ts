/**
 * What a request for a plan did, in words a supervisor reading the audit log understands ("Viewed
 * the plan", "Saved an answer at goals"), instead of the route pattern that served it
 * ("POST /plans/:id/:kind 303"). Pure: the route pattern, its parameters and the status in, a
 * message out. Only the step's name goes in from the address, never anything typed.
 *
 * The log keeps the English words (entries are hash-chained: what was written stays as written,
 * whoever reads it later). The audit page reads them back into their message (readPlanRequest), so
 * each reader sees them in their own language; words it does not know are shown as they are.
 */
import { type Msg, msg, translator } from "../i18n/translator.ts";
import { SOURCE_LANGUAGE } from "../i18n/catalogs.ts";

/** The steps an address may name; any other is "a step". Selected on in the messages (`{step, select, …}`). */
const STEPS = ["setup", "goals", "declined", "barriers", "strengths", "actions", "commitments"] as const;

/** GET routes, by the pattern's tail after /plans/:id: the message's last part. */
const VIEWS: Record<string, string> = {
  "": "viewed",
  "/progress": "viewedProgress",
  "/handover": "viewedHandover",
  "/changes": "viewedChanges",
  "/retainer": "viewedRetainer",
  "/retainer.pdf": "downloadedRetainer",
  "/scorecard": "viewedScorecard",
  "/setup/edit": "openedDetails",
};

/** POST routes, by the pattern's tail after /plans/:id. */
const CHANGES: Record<string, string> = {
  "/setup": "changedDetails",
  "/next": "next",
  "/goto": "goto",
  "/commitments": "savedCommitments",
  "/consent": "consent",
  "/sign": "signed",
  "/review-links": "reviewLinkMade",
  "/review-links/:linkId/revoke": "reviewLinkRevoked",
  "/progress/actions/:actionId": "progressAction",
  "/progress/goals/:goalId": "progressGoal",
  "/progress/notes": "progressNote",
  "/progress": "progress",
  "/reassess": "reassessed",
  "/notes": "supervisorNote",
  "/reassign": "reassigned",
  "/coaching/dismiss": "dismissedFinding",
  "/coaching/apply": "usedSuggestion",
  "/coaching/category": "usedCategory",
  "/suggestions": "usedTrainingAnswer",
};

/** Statuses with words of their own (`audit.request.outcome.<status>`); others "did not work". */
const OUTCOMES = [400, 403, 404, 409, 410, 413, 422, 429];

const words = (name: string, values?: Msg["values"]) => msg(`audit.request.${name}`, values);
const stepOf = (kind: string | undefined) => (kind && (STEPS as readonly string[]).includes(kind) ? kind : "other");

/** What the request did, before its outcome. */
function whatItDid(method: string, tail: string, params: Record<string, string>): Msg {
  if (method === "GET" || method === "HEAD") {
    if (Object.hasOwn(VIEWS, tail)) return words(VIEWS[tail]);
    if (/export/.test(tail)) return words(/fhir/.test(tail) ? "exportedFhir" : "exported");
    if (/^\/:kind\/:itemId\/edit$/.test(tail) || /\/edit$/.test(tail)) return words("openedAnswer", { step: stepOf(params.kind ?? tail.split("/")[1]) });
    return words("viewedPage");
  }
  if (Object.hasOwn(CHANGES, tail)) return words(CHANGES[tail]);
  if (/^\/commitments\/:itemId\//.test(tail)) return words("changedCommitment");
  if (tail === "/:kind") return words("savedAnswer", { step: stepOf(params.kind) });
  if (tail === "/:kind/:itemId") return words("changedAnswer", { step: stepOf(params.kind) });
  if (tail === "/:kind/:itemId/delete") return words("removedAnswer", { step: stepOf(params.kind) });
  return words("changedPlan");
}

/** The request as a message: what it did and, if it was refused, why (with the status). */
export function planRequestMsg(method: string, routePath: string, params: Record<string, string>, status: number): Msg {
  const did = whatItDid(method, routePath.replace(/^\/plans\/:id/, ""), params);
  if (status < 400) return did;
  return words("refused", { ...did.values, did: did.key, outcome: OUTCOMES.includes(status) ? String(status) : "other", status: String(status) });
}

const english = () => translator(SOURCE_LANGUAGE, "UTC");

/** The message in English words, as the log keeps them. A refusal is "<what it did>: <why> (<status>)". */
function inEnglish(m: Msg): string {
  const t = english().t;
  if (m.key !== "audit.request.refused") return t(m);
  const v = m.values as Record<string, string>;
  return t(m.key, { did: t(v.did, v), why: t(`audit.request.outcome.${v.outcome}`), status: v.status });
}

export function describePlanRequest(method: string, routePath: string, params: Record<string, string>, status: number): string {
  return inEnglish(planRequestMsg(method, routePath, params, status));
}

/** Every message describePlanRequest can write before an outcome, by its English words. */
let known: Map<string, Msg> | undefined;
function knownWords(): Map<string, Msg> {
  if (known) return known;
  const all: Msg[] = [...new Set([...Object.values(VIEWS), ...Object.values(CHANGES), "exported", "exportedFhir", "viewedPage", "changedCommitment", "changedPlan"])].map((n) => words(n));
  for (const n of ["openedAnswer", "savedAnswer", "changedAnswer", "removedAnswer"]) for (const step of [...STEPS, "other"]) all.push(words(n, { step }));
  return (known = new Map(all.map((m) => [inEnglish(m), m])));
}

/**
 * The message behind words describePlanRequest wrote, for the audit page to say in its reader's
 * language; undefined for any other words (another kind of entry, or wording from an older Coplan).
 */
export function readPlanRequest(detail: string): Msg | undefined {
  const plain = knownWords().get(detail);
  if (plain) return plain;
  const status = / \((\d{3})\)$/.exec(detail)?.[1];
  if (!status) return undefined;
  // An outcome has colons of its own ("not saved: the form needed changes"): try each split.
  for (let at = detail.indexOf(": "); at >= 0; at = detail.indexOf(": ", at + 1)) {
    const did = knownWords().get(detail.slice(0, at));
    if (!did) continue;
    const m = words("refused", { ...did.values, did: did.key, outcome: OUTCOMES.includes(Number(status)) ? status : "other", status });
    // Only if it reads back to exactly the same words: an outcome is never guessed.
    if (inEnglish(m) === detail) return m;
  }
  return undefined;
}

/** A message from readPlanRequest in the reader's words. */
export function planRequestWords(t: (key: string | Msg, values?: Msg["values"]) => string, m: Msg): string {
  if (m.key !== "audit.request.refused") return t(m);
  const v = m.values as Record<string, string>;
  return t(m.key, { did: t(v.did, v), why: t(`audit.request.outcome.${v.outcome}`), status: v.status });
}
