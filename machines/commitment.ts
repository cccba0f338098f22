/**
 * The first draft of an action's commitment sentence, written when the conversation reaches the
 * contract step. Both people then read it and may change it; the draft only saves them typing.
 */
import type { Action, PlanData, TargetDate } from "../src/domain/plan.ts";
import { labelKey } from "../src/domain/labels.ts";
import { SOURCE_LANGUAGE } from "../src/i18n/catalogs.ts";
import { clientCatalogTag } from "../src/i18n/client-language.ts";
import { type Translator, translator } from "../src/i18n/translator.ts";

/**
 * The fixed words around a commitment are the catalog's (`commitment.*`, issue 22), in the
 * client's language: the client signs the sentence. Only message formatting is used (no dates
 * or times in words), so the time zone does not matter; dates stay as typed (YYYY-MM-DD), which
 * also keeps every English draft exactly as it was, so no stored draft turns into a mismatch.
 */
const speaking = (tag: string): Translator => translator(tag, "UTC");

/** When an action is due, in `tag`'s words (English unless asked: the staff-facing callers are not converted yet). */
export function describeTarget(target: TargetDate, plan: PlanData, tag = SOURCE_LANGUAGE): string {
  const { t } = speaking(tag);
  switch (target.kind) {
    case "date":
      return t("commitment.target.date", { date: target.date });
    case "ongoing":
      return t("commitment.target.ongoing");
    case "annual-review":
      return t("commitment.target.annual-review", { date: plan.setup.annualReviewDate });
  }
}

/** Words whose last full stop is part of them: initials and dotted abbreviations, and the common short forms. */
const ABBREVIATED = /(?:^|[\s(])(?:\p{L}\.){2,}$|(?:^|[\s(])(?:etc|approx|appt|incl|dept|St|Dr|Mr|Mrs|Ms|Jr|Sr|Ave|Rd|No|vs|cf)\.$/iu;

/** The first draft, in the client's language (their plan's; English for plans made before it was recorded). */
export function draftCommitment(action: Action, plan: PlanData): string {
  const tag = clientCatalogTag(plan);
  const { t } = speaking(tag);
  const { role, name } = action.responsible;
  const who = name ? t("commitment.whoNamed", { name, role: t(labelKey("responsibleRole", role)).toLocaleLowerCase(tag) }) : t(`commitment.who.${role}`);
  const typed = action.description.trim();
  // Only a sentence's own closing mark gives way to the target date that now ends the sentence. A
  // full stop that belongs to the words ("9 a.m.", "etc.", "St.") is theirs and is kept exactly.
  const what = ABBREVIATED.test(typed) ? typed : typed.replace(/[.!]+$/, "");
  // An English description may already start with its own "will": the message then adds none.
  const willed = /^(will|shall)\b/i.test(what) ? "yes" : "no";
  return t("commitment.sentence", { who, willed, what: lowerFirst(what), target: describeTarget(action.targetDate, plan, tag) });
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
