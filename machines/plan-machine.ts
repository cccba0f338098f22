/**
 * The co-creation conversation: one state per step, the plan's data in context, and named guards
 * that refuse to leave an incomplete step. Pure: no I/O, no clock, no randomness (ids come from a
 * counter in context), so a restored snapshot behaves exactly like the live actor.
 */
import { assertEvent, assign, setup } from "xstate";
import { emptyPlan, type PlanData, type Setup } from "../src/domain/plan.ts";
import type { Consent, Signature } from "../src/domain/signature.ts";
import { draftCommitment, type Drafts, reconcileCommitments } from "./commitment.ts";
import { type EditEvent, isCommitmentEvent, type ItemKind, whyCannotGoTo, whyCannotLeave, whyCannotSign, whyRefusedEdit } from "./rules.ts";
import { STEPS, type Step, stepIndex } from "./steps.ts";

/** Bump when a stored snapshot could no longer be restored as it is; the store refuses old ones. */
export const MACHINE_VERSION = 1;

export interface PlanContext {
  data: PlanData;
  nextId: number;
  /** The furthest step reached, so "back to where we were" can return there after going back. */
  furthest: Step;
  consent?: Consent;
  signatures: Signature[];
  /**
   * The draft each commitment was made from or confirmed against (see commitment.ts). Optional:
   * snapshots saved before it existed have none, and their commitments are checked as unrecorded.
   */
  drafts?: Drafts;
}

export type PlanEvent =
  | EditEvent
  | { type: "SET_SETUP"; setup: Setup }
  | { type: "NEXT" }
  | { type: "GOTO"; step: Step }
  | { type: "CONSENT"; consent: Consent }
  | { type: "SIGN"; signature: Signature };

/** Targetless, actionless transitions: they shadow the root's edit handlers so nothing changes. */
const LOCKED = { ADD: {}, UPDATE: {}, REMOVE: {}, SET_COMMITMENT: {}, REDRAFT_COMMITMENT: {}, KEEP_COMMITMENT: {}, SET_SETUP: {} };

const ID_PREFIX: Record<ItemKind, string> = { goals: "g", declined: "d", barriers: "b", strengths: "s", actions: "a" };

export const planMachine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    /** A reassessment starts from the last signed plan's unfinished items: `data` and its `nextId`. */
    input: {} as { setup: Setup; data?: PlanData; nextId?: number; drafts?: Drafts },
  },
  guards: {
    canLeave: ({ context }, params: { step: Step }) => whyCannotLeave(params.step, context.data, context.drafts) === null,
    canGoTo: ({ context, event }, params: { from: Step; to: Step }) =>
      event.type === "GOTO" &&
      event.step === params.to &&
      params.from !== params.to &&
      whyCannotGoTo(params.from, params.to, context.furthest, context.data) === null,
    isGoTo: ({ event }, params: { to: Step }) => event.type === "GOTO" && event.step === params.to,
    canSign: ({ context, event }) => event.type === "SIGN" && whyCannotSign(context, event.signature) === null,
    bothSigned: ({ context }) =>
      context.signatures.some((s) => s.party === "client") && context.signatures.some((s) => s.party === "case-manager"),
    editAllowed: ({ context, event }) =>
      (event.type === "ADD" || event.type === "UPDATE" || event.type === "REMOVE" || isCommitmentEvent(event)) &&
      whyRefusedEdit(event, context.data) === null,
  },
  actions: {
    noteFurthest: assign({
      furthest: ({ context }, params: { step: Step }) =>
        stepIndex(params.step) > stepIndex(context.furthest) ? params.step : context.furthest,
    }),
    setSetup: assign({
      data: ({ context, event }) => {
        assertEvent(event, "SET_SETUP");
        return { ...context.data, setup: event.setup };
      },
    }),
    addItem: assign(({ context, event }) => {
      assertEvent(event, "ADD");
      const id = `${ID_PREFIX[event.kind]}${context.nextId}`;
      const item = event.kind === "actions" ? { ...event.input, id, status: "not-started" } : { ...event.input, id };
      return {
        nextId: context.nextId + 1,
        data: { ...context.data, [event.kind]: [...context.data[event.kind], item] },
      };
    }),
    updateItem: assign({
      data: ({ context, event }) => {
        assertEvent(event, "UPDATE");
        const list = (context.data[event.kind] as { id: string }[]).map((item) =>
          item.id === event.id ? { ...item, ...event.input, id: item.id } : item,
        );
        return { ...context.data, [event.kind]: list };
      },
    }),
    removeItem: assign({
      data: ({ context, event }) => {
        assertEvent(event, "REMOVE");
        const list = (context.data[event.kind] as { id: string }[]).filter((item) => item.id !== event.id);
        return { ...context.data, [event.kind]: list };
      },
    }),
    setCommitment: assign(({ context, event }) => {
      assertEvent(event, "SET_COMMITMENT");
      const drafts = context.drafts ?? {};
      const action = context.data.actions.find((a) => a.id === event.id)!;
      const actions = context.data.actions.map((a) => (a.id === event.id ? { ...a, commitment: event.text } : a));
      if (event.seen !== undefined && event.seen !== action.commitment) {
        // Written in a form that showed an older sentence: what it was written against is unknown,
        // so it stays unrecorded and is flagged unless it says what the action now says.
        const { [event.id]: _, ...rest } = drafts;
        return { data: { ...context.data, actions }, drafts: rest };
      }
      // Wording written for an action with no record was written against the action as it stands.
      const recorded = drafts[event.id] ?? (event.text !== action.commitment ? draftCommitment(action, context.data) : undefined);
      return { data: { ...context.data, actions }, drafts: recorded === undefined ? drafts : { ...drafts, [event.id]: recorded } };
    }),
    redraftCommitment: assign(({ context, event }) => {
      assertEvent(event, "REDRAFT_COMMITMENT");
      const action = context.data.actions.find((a) => a.id === event.id)!;
      const draft = draftCommitment(action, context.data);
      const actions = context.data.actions.map((a) => (a.id === event.id ? { ...a, commitment: draft } : a));
      return { data: { ...context.data, actions }, drafts: { ...context.drafts, [event.id]: draft } };
    }),
    keepCommitment: assign({
      drafts: ({ context, event }) => {
        assertEvent(event, "KEEP_COMMITMENT");
        const action = context.data.actions.find((a) => a.id === event.id)!;
        return { ...context.drafts, [event.id]: draftCommitment(action, context.data) };
      },
    }),
    /** After any change to the plan, untouched drafts follow their actions (see commitment.ts). */
    reconcileCommitments: assign(({ context }) => reconcileCommitments(context.data, context.drafts ?? {})),
    recordConsent: assign({
      consent: ({ event }) => {
        assertEvent(event, "CONSENT");
        return event.consent;
      },
    }),
    addSignature: assign({
      signatures: ({ context, event }) => {
        assertEvent(event, "SIGN");
        return [...context.signatures, event.signature];
      },
    }),
    /** Going back to change the plan means both read and sign it again. */
    clearSigning: assign({ consent: undefined, signatures: [] }),
    /** Entering the contract step writes a first draft for any action that has no sentence yet. */
    draftMissingCommitments: assign(({ context }) => {
      const drafts: Record<string, string> = { ...context.drafts };
      const actions = context.data.actions.map((a) => {
        if (a.commitment?.trim()) return a;
        const draft = draftCommitment(a, context.data);
        drafts[a.id] = draft;
        return { ...a, commitment: draft };
      });
      return { data: { ...context.data, actions }, drafts };
    }),
  },
}).createMachine({
  id: "plan",
  context: ({ input }) => ({
    // A reassessment's carried commitments follow their actions into the new version's dates.
    ...reconcileCommitments(input.data ? { ...input.data, setup: input.setup } : emptyPlan(input.setup), input.drafts ?? {}),
    nextId: input.nextId ?? 1,
    furthest: "setup",
    signatures: [],
  }),
  initial: "setup",
  // Edits are allowed at every step before signing and never move the conversation.
  on: {
    SET_SETUP: { actions: ["setSetup", "reconcileCommitments"] },
    ADD: { guard: "editAllowed", actions: "addItem" },
    UPDATE: { guard: "editAllowed", actions: ["updateItem", "reconcileCommitments"] },
    REMOVE: { guard: "editAllowed", actions: ["removeItem", "reconcileCommitments"] },
    SET_COMMITMENT: { guard: "editAllowed", actions: "setCommitment" },
    REDRAFT_COMMITMENT: { guard: "editAllowed", actions: "redraftCommitment" },
    KEEP_COMMITMENT: { guard: "editAllowed", actions: "keepCommitment" },
  },
  states: {
    ...(Object.fromEntries(
    STEPS.map((step, i) => {
      const next = STEPS[i + 1] ?? "signing";
      return [
        step,
        {
          entry: [
            { type: "noteFurthest", params: { step } },
            ...(step === "contract" ? ["draftMissingCommitments" as const] : []),
          ],
          on: {
            NEXT: { guard: { type: "canLeave", params: { step } }, target: next },
            GOTO: STEPS.filter((to) => to !== step).map((to) => ({
              guard: { type: "canGoTo", params: { from: step, to } },
              target: to,
            })),
          },
        },
      ];
    }),
  ) as Record<Step, object>),
    signing: {
      // Nothing changes while people sign: the words they read are the words they sign.
      on: {
        ...LOCKED,
        CONSENT: { actions: "recordConsent" },
        SIGN: { guard: "canSign", actions: "addSignature" },
        GOTO: STEPS.map((to) => ({
          guard: { type: "isGoTo", params: { to } },
          target: to,
          actions: "clearSigning" as const,
        })),
      },
      always: { guard: "bothSigned", target: "signed" },
    },
    // Sealed: no event changes a signed plan. A change means a new version (reassessment).
    signed: { on: { ...LOCKED, GOTO: {}, NEXT: {}, CONSENT: {}, SIGN: {} } },
  },
});
