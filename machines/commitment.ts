/**
 * The first draft of an action's commitment sentence, written when the conversation reaches the
 * contract step. Both people then read it and may change it; the draft only saves them typing.
 */
import type { Action, PlanData, TargetDate } from "../src/domain/plan.ts";
import { RESPONSIBLE_ROLE_LABELS } from "../src/domain/labels.ts";

const UNNAMED: Record<Action["responsible"]["role"], string> = {
  "case-manager": "I, the case manager,",
  provider: "The provider",
  client: "I, the client,",
  family: "My family",
  caregiver: "My caregiver",
  "other-support": "My support person",
};

export function describeTarget(target: TargetDate, plan: PlanData): string {
  switch (target.kind) {
    case "date":
      return `by ${target.date}`;
    case "ongoing":
      return "on an ongoing basis, reviewed at the annual review";
    case "annual-review":
      return `by the annual review on ${plan.setup.annualReviewDate}`;
  }
}

/** Words whose last full stop is part of them: initials and dotted abbreviations, and the common short forms. */
const ABBREVIATED = /(?:^|[\s(])(?:\p{L}\.){2,}$|(?:^|[\s(])(?:etc|approx|appt|incl|dept|St|Dr|Mr|Mrs|Ms|Jr|Sr|Ave|Rd|No|vs|cf)\.$/iu;

export function draftCommitment(action: Action, plan: PlanData): string {
  const { role, name } = action.responsible;
  const who = name ? `${name} (${RESPONSIBLE_ROLE_LABELS[role].toLowerCase()})` : UNNAMED[role];
  const typed = action.description.trim();
  // Only a sentence's own closing mark gives way to the target date that now ends the sentence. A
  // full stop that belongs to the words ("9 a.m.", "etc.", "St.") is theirs and is kept exactly.
  const what = ABBREVIATED.test(typed) ? typed : typed.replace(/[.!]+$/, "");
  const verb = /^(will|shall)\b/i.test(what) ? "" : "will ";
  return `${who} ${verb}${lowerFirst(what)} ${describeTarget(action.targetDate, plan)}.`;
}

function lowerFirst(s: string): string {
  // Leave acronyms and names ("GP", "Maria") as typed; lower only an ordinary capitalised word.
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * For each action whose commitment Coplan drafted, the draft the commitment was last made from or
 * confirmed against. It tells an untouched draft (commitment === draft: safe to re-draft when the
 * action changes) from wording people rewrote by hand (never overwritten: flagged instead).
 * Kept beside the plan's data, not in it: it is bookkeeping of the conversation, not something
 * anyone signs.
 */
export type Drafts = Readonly<Record<string, string>>;

/** A commitment that no longer says what its action now says, with the sentence it would be re-drafted to. */
export interface Mismatch {
  action: Action;
  commitment: string;
  draft: string;
}

/**
 * Whether the commitment still agrees with its action: it is the action's draft as it stands, or
 * it was written (or confirmed by the worker) against the action as it stands. A commitment with
 * no record (written before drafts were recorded) agrees only if it is the current draft.
 */
export function commitmentMismatch(action: Action, plan: PlanData, drafts: Drafts): Mismatch | null {
  const commitment = action.commitment;
  if (!commitment?.trim()) return null;
  const draft = draftCommitment(action, plan);
  if (commitment === draft || drafts[action.id] === draft) return null;
  return { action, commitment, draft };
}

export function commitmentMismatches(plan: PlanData, drafts: Drafts): Mismatch[] {
  return plan.actions.map((a) => commitmentMismatch(a, plan, drafts)).filter((m): m is Mismatch => m !== null);
}

/**
 * After any change to the plan: an untouched draft whose action changed is re-drafted, a commitment
 * that happens to equal its new draft is recorded as matching, and records of removed actions go.
 * Hand-written wording is left exactly as it is (commitmentMismatch then reports it).
 * Returns the very same objects when nothing changed, so unchanged plans stay cheap to compare.
 */
export function reconcileCommitments(plan: PlanData, drafts: Drafts): { data: PlanData; drafts: Drafts } {
  let changed = false;
  const next: Record<string, string> = {};
  const actions = plan.actions.map((a) => {
    const recorded = drafts[a.id];
    const draft = a.commitment?.trim() ? draftCommitment(a, plan) : undefined;
    if (draft === undefined || recorded === draft) {
      if (recorded !== undefined) next[a.id] = recorded;
      return a;
    }
    if (a.commitment === draft || (recorded !== undefined && a.commitment === recorded)) {
      // Says what the action now says, or is the untouched draft of an older action: re-drafted.
      next[a.id] = draft;
      changed = true;
      return a.commitment === draft ? a : { ...a, commitment: draft };
    }
    // Rewritten by hand (or of unknown origin): kept exactly, with its record as it was.
    if (recorded !== undefined) next[a.id] = recorded;
    return a;
  });
  const dropped = Object.keys(drafts).some((id) => !(id in next));
  return {
    data: actions.some((a, i) => a !== plan.actions[i]) ? { ...plan, actions } : plan,
    drafts: changed || dropped ? next : drafts,
  };
}
