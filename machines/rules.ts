/**
 * Why the conversation may not move on, or may not take an edit: a message (Msg) the page shows in
 * the reader's language, with the client's own words as its values, never translated.
 * Pure functions over the plan's data: the machine uses them as guards, routes use them to explain
 * a refusal, and tests call them directly. `null` means "allowed".
 */
import type { PlanData } from "../src/domain/plan.ts";
import { type Msg, msg } from "../src/i18n/translator.ts";
import type { Consent, Signature } from "../src/domain/signature.ts";
import { commitmentMismatches, type Drafts } from "./commitment.ts";
import { STEPS, type Step, stepIndex } from "./steps.ts";

export const ITEM_KINDS = ["goals", "declined", "barriers", "strengths", "actions"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === "string" && (ITEM_KINDS as readonly string[]).includes(value);
}

/** `drafts`: the record of drafted commitments (see commitment.ts); only the review step reads it. */
export function whyCannotLeave(step: Step, data: PlanData, drafts: Drafts = {}): Msg | null {
  switch (step) {
    case "goals":
      return data.goals.length === 0 ? msg("conversation.refuse.noGoal") : null;
    case "actions": {
      if (data.actions.length === 0) return msg("conversation.refuse.noAction");
      const goalIds = new Set(data.goals.map((g) => g.id));
      const orphan = data.actions.find((a) => !goalIds.has(a.goalId));
      if (orphan) return msg("conversation.refuse.actionWithoutGoal", { action: orphan.description });
      const noPerson = data.actions.find((a) => !a.responsible?.role);
      if (noPerson) return msg("conversation.refuse.actionWithoutPerson", { action: noPerson.description });
      const noDate = data.actions.find((a) => !a.targetDate?.kind);
      if (noDate) return msg("conversation.refuse.actionWithoutDate", { action: noDate.description });
      return null;
    }
    case "contract": {
      const missing = data.actions.find((a) => !a.commitment?.trim());
      return missing ? msg("conversation.refuse.actionWithoutCommitment", { action: missing.description }) : null;
    }
    case "review":
      return planIncomplete(data) ?? whyCommitmentsDisagree(data, drafts);
    default:
      return null;
  }
}

/** Everything a plan needs before it can be signed; the first gap found, or null. */
export function planIncomplete(data: PlanData): Msg | null {
  for (const step of STEPS) {
    if (step === "review") continue;
    const reason = whyCannotLeave(step, data);
    if (reason) return reason;
  }
  return null;
}

/**
 * A commitment rewritten by hand whose action has changed since: the plan would say two things.
 * Both are named, so the two people can see which sentence is meant and decide.
 */
export function whyCommitmentsDisagree(data: PlanData, drafts: Drafts): Msg | null {
  const [m] = commitmentMismatches(data, drafts);
  if (!m) return null;
  return msg("conversation.refuse.commitmentDisagrees", { commitment: m.commitment, action: m.action.description });
}

/** Moving back is always allowed; moving forward passes every step's guard on the way. */
export function whyCannotGoTo(from: Step, to: Step, furthest: Step, data: PlanData): Msg | null {
  if (stepIndex(to) <= stepIndex(from)) return null;
  if (stepIndex(to) > stepIndex(furthest)) return msg("conversation.refuse.stepNotReached");
  for (let i = stepIndex(from); i < stepIndex(to); i++) {
    const reason = whyCannotLeave(STEPS[i], data);
    if (reason) return reason;
  }
  return null;
}

export type EditEvent =
  | { type: "ADD"; kind: ItemKind; input: Record<string, unknown> }
  | { type: "UPDATE"; kind: ItemKind; id: string; input: Record<string, unknown> }
  | { type: "REMOVE"; kind: ItemKind; id: string }
  /**
   * `seen`: the commitment the writer's form showed. If it has changed since (its action changed
   * and it was re-drafted), the new words were written against an older action.
   */
  | { type: "SET_COMMITMENT"; id: string; text: string; seen?: string }
  /** Replace a commitment with the draft of its action as the action now stands. */
  | { type: "REDRAFT_COMMITMENT"; id: string }
  /** The worker confirms the hand-written wording still holds for the action as it now stands. */
  | { type: "KEEP_COMMITMENT"; id: string };

export type CommitmentEvent = Extract<EditEvent, { type: "SET_COMMITMENT" | "REDRAFT_COMMITMENT" | "KEEP_COMMITMENT" }>;

export function isCommitmentEvent(event: { type: string }): event is CommitmentEvent {
  return event.type === "SET_COMMITMENT" || event.type === "REDRAFT_COMMITMENT" || event.type === "KEEP_COMMITMENT";
}

/**
 * How many of each item one plan may hold. A plan is meant to be short (PRACTICE.md), and every
 * item is printed three times in the retainer PDF: a cap keeps one plan from growing without
 * bound, one answer at a time. 30 is the schema's cap on priority issues, one goal each.
 */
export const MAX_ITEMS: Record<ItemKind, number> = { goals: 30, declined: 30, barriers: 30, strengths: 30, actions: 30 };

export function whyRefusedEdit(event: EditEvent, data: PlanData): Msg | null {
  if (isCommitmentEvent(event)) {
    const action = data.actions.find((a) => a.id === event.id);
    if (!action) return msg("conversation.refuse.actionGone");
    if (event.type !== "SET_COMMITMENT" && !action.commitment?.trim()) return msg("conversation.refuse.noCommitmentYet");
    return null;
  }
  const list = data[event.kind] as { id: string }[];
  if (event.type === "ADD" && list.length >= MAX_ITEMS[event.kind]) {
    return msg("conversation.refuse.tooMany", { max: MAX_ITEMS[event.kind], kind: event.kind });
  }
  if (event.type !== "ADD" && !list.some((item) => item.id === event.id)) {
    return msg("conversation.refuse.answerGone");
  }
  if (event.type !== "REMOVE" && (event.kind === "barriers" || event.kind === "actions")) {
    const goalId = event.input.goalId;
    if (!data.goals.some((g) => g.id === goalId)) return msg("conversation.refuse.chooseGoal");
  }
  if (event.type === "REMOVE" && event.kind === "goals") {
    const barriers = data.barriers.filter((b) => b.goalId === event.id).length;
    const actions = data.actions.filter((a) => a.goalId === event.id).length;
    // Removing the goal would orphan answers the client gave; ask for them to be dealt with first.
    if (barriers + actions > 0) return msg("conversation.refuse.goalHasAnswers", { barriers, actions });
  }
  return null;
}

/** Why this signature cannot be taken now, or null. */
export function whyCannotSign(state: { consent?: Consent; signatures: Signature[]; data?: PlanData; drafts?: Drafts }, signature: Signature): Msg | null {
  // Nothing may be signed that contradicts itself (data can only change before signing; this holds
  // for plans saved before commitments were checked against their actions, too).
  const disagree = state.data ? whyCommitmentsDisagree(state.data, state.drafts ?? {}) : null;
  if (disagree) return disagree;
  if (!state.consent || !state.consent.parties.includes("client") || !state.consent.parties.includes("case-manager")) {
    return msg("signing.refuse.consentFirst");
  }
  if (state.signatures.some((s) => s.party === signature.party)) {
    return msg("signing.refuse.alreadySigned", { party: signature.party });
  }
  const other = state.signatures[0];
  if (other && other.contentHash !== signature.contentHash) {
    return msg("signing.refuse.changedSinceFirstSignature");
  }
  return null;
}
