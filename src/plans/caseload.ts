/**
 * A caseload at a glance: each plan's state, its next target date, what is due in the next seven
 * days and what is overdue. Pure, over the store's summaries and today's date.
 */
import type { Msg } from "../i18n/translator.ts";
import { msg } from "../i18n/translator.ts";
import type { PlanSummary } from "../store/plan-store.ts";

export interface CaseloadRow {
  id: string;
  clientName: string;
  /** Where the plan stands, in the reader's words (`caseload.state.*`: the stage is a select in the message). */
  state: Msg;
  nextTarget?: string;
  dueThisWeek: string[];
  overdue: string[];
  reviewDue: boolean;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `force` is given during a reassessment: the last signed version's open target dates, which
 * still hold (and can be overdue) until the draft of the next version is signed.
 */
export function caseloadRow(s: PlanSummary, today: string, force?: { version: number; openTargets: string[] }): CaseloadRow {
  const targets = force ? force.openTargets : (s.openTargets ?? []);
  const weekEnd = addDays(today, 7);
  const signed = s.step === "signed";
  const followed = signed || !!force;
  const reviewDue = signed && !!s.annualReviewDate && s.annualReviewDate <= addDays(today, 30);
  const state = reviewDue
    ? msg("caseload.state.reviewDue")
    : signed
      ? msg("caseload.state.signed")
      : force
        ? msg("caseload.state.reassessing", { version: force.version, stage: s.step })
        : msg("caseload.state.draft", { stage: s.step });
  return {
    id: s.id,
    clientName: s.clientName,
    state,
    nextTarget: targets.find((d) => d >= today),
    dueThisWeek: followed ? targets.filter((d) => d >= today && d <= weekEnd) : [],
    overdue: followed ? targets.filter((d) => d < today) : [],
    reviewDue,
  };
}

/**
 * The supervisor's view of one plan: what the coaching still flags and what was dismissed (with
 * the reasons), what is overdue, when progress was last recorded, and where the signatures stand.
 */
export interface OversightRow {
  id: string;
  clientName: string;
  managerName: string;
  signature: Msg;
  /** A broken seal's verdict, as seal.ts words it. */
  sealProblem?: string;
  openFindings: { message: Msg; severity: string }[];
  /** Words Coplan could not check (written in a language its word checks do not read): not a concern, but said. */
  unchecked?: number;
  dismissed: { rule: string; reason: string; at: string }[];
  overdue: { description: string; due: string }[];
  latest?: { at: string; what: Msg };
  /** Why it needs attention, most urgent first; empty when nothing does. */
  concerns: Msg[];
}

/** The orders the supervisor's view offers; each is named by `supervisor.sort.<order>`. */
export const OVERSIGHT_SORTS = ["attention", "client", "manager", "quiet"] as const;
export type OversightSort = (typeof OVERSIGHT_SORTS)[number];

/** Days without progress on a signed plan after which it is flagged as quiet. */
export const QUIET_DAYS = 30;

const QUIET = "supervisor.concern.quiet";

export function concernsOf(row: Omit<OversightRow, "concerns">, signed: boolean, today: string): Msg[] {
  const out: Msg[] = [];
  if (row.sealProblem) out.push(msg("supervisor.concern.sealBroken"));
  if (row.overdue.length) out.push(msg("supervisor.concern.overdue", { count: row.overdue.length }));
  const lastDay = row.latest?.at.slice(0, 10);
  if (signed && (!lastDay || lastDay < addDays(today, -QUIET_DAYS))) out.push(msg(QUIET, { days: QUIET_DAYS }));
  if (row.openFindings.length) out.push(msg("supervisor.concern.findings", { count: row.openFindings.length }));
  return out;
}

/**
 * What needs attention first: a broken seal, then the most overdue actions, then the quietest
 * signed plans, then open findings; ties by client name so the order is stable.
 */
function attentionKey(r: OversightRow): number[] {
  return [r.sealProblem ? 1 : 0, r.overdue.length, r.concerns.some((c) => c.key === QUIET) ? 1 : 0, r.openFindings.length].map((n) => -n);
}

export function sortOversight(rows: OversightRow[], sort: OversightSort): OversightRow[] {
  const byName = (a: OversightRow, b: OversightRow) => a.clientName.localeCompare(b.clientName) || a.id.localeCompare(b.id);
  const cmp: Record<OversightSort, (a: OversightRow, b: OversightRow) => number> = {
    attention: (a, b) => {
      const [x, y] = [attentionKey(a), attentionKey(b)];
      const i = x.findIndex((v, k) => v !== y[k]);
      return i < 0 ? byName(a, b) : x[i] - y[i];
    },
    client: byName,
    manager: (a, b) => a.managerName.localeCompare(b.managerName) || byName(a, b),
    // Never recorded counts as the longest quiet.
    quiet: (a, b) => (a.latest?.at ?? "").localeCompare(b.latest?.at ?? "") || byName(a, b),
  };
  return [...rows].sort(cmp[sort]);
}
