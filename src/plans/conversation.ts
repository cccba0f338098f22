/**
 * The conversation as a service: restore the machine from a stored plan, send one event, persist
 * the snapshot. Routes call these; they hold no step logic of their own.
 */
import { randomBytes } from "node:crypto";
import { createActor } from "xstate";
import { MACHINE_VERSION, type PlanContext, type PlanEvent, planMachine } from "../../machines/plan-machine.ts";
import { whyCannotGoTo, whyCannotLeave, whyCannotSign, whyRefusedEdit } from "../../machines/rules.ts";
import { isStage, isStep, type Stage, type Step } from "../../machines/steps.ts";
import type { Consent, Signature } from "../domain/signature.ts";
import { seal, type SealSigner } from "../signing/seal.ts";
import { carryForward } from "./reassessment.ts";
import { whyMachineDataInvalid } from "./machine-check.ts";
import type { Drafts } from "../../machines/commitment.ts";
import { PlanDataSchema, type PlanData, type Setup } from "../domain/plan.ts";
import { type Msg, msg, msgText } from "../i18n/translator.ts";
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type PlanStore, type PlanSummary, type StoredPlan } from "../store/plan-store.ts";

/**
 * The machine refused the event; `reason` says why, shown to the user in their language with
 * `t()`. The Error's own message carries it too (msgText), for whoever only has a string.
 */
export class RefusedError extends Error {
  constructor(readonly reason: Msg) {
    super(msgText(reason.key, reason.values));
    this.name = "RefusedError";
  }
}

export class IncompatiblePlanError extends Error {}

export interface PlanView {
  id: string;
  rev: number;
  step: Stage;
  furthest: Step;
  data: PlanData;
  /** The draft each commitment was made from or confirmed against (machines/commitment.ts). */
  drafts: Drafts;
  consent?: Consent;
  signatures: Signature[];
  updatedAt: string;
  /** The sealed, signed version, once both have signed (see src/signing/seal.ts). */
  sealed?: StoredPlan["sealed"];
  reviewLinks: StoredPlan["reviewLinks"];
  companionLinks: StoredPlan["companionLinks"];
  ownerId?: string;
  notes: StoredPlan["notes"];
  version: number;
  practice?: StoredPlan["practice"];
  coaching: StoredPlan["coaching"];
  progress: StoredPlan["progress"];
  history: StoredPlan["history"];
}

export function newPlanId(): string {
  return randomBytes(12).toString("base64url");
}

function restore(plan: StoredPlan) {
  if (plan.machineVersion !== MACHINE_VERSION) {
    throw new IncompatiblePlanError(`Plan ${plan.id} was saved by conversation version ${plan.machineVersion}; this Coplan runs version ${MACHINE_VERSION}.`);
  }
  const actor = createActor(planMachine, { snapshot: plan.snapshot as never, input: undefined as never });
  actor.start();
  return actor;
}

type PlanActor = ReturnType<typeof restore>;

/**
 * The running machine each saved version was made by, so the next answer to the same plan carries
 * on with it instead of reviving it from the stored snapshot (a third of the machine's cost per
 * answer). Keyed by the version's object, which the store hands out until the plan changes again:
 * a version read from its file afresh, or one whose save failed, has none and is restored.
 * An actor is taken out while events run on it, so a refused or failed save never leaves one
 * behind that has moved on from its version.
 */
const actors = new WeakMap<StoredPlan, PlanActor>();

function actorFor(plan: StoredPlan): PlanActor {
  const running = actors.get(plan);
  if (!running) return restore(plan);
  actors.delete(plan);
  return running;
}

/**
 * The store hands out one unchanging object per saved version of a plan, so what is derived from
 * it (checked by the schema once) is kept per object: a page view or an answer reuses it rather
 * than parsing the plan again. Views are shared, so they are never changed in place.
 */
const views = new WeakMap<StoredPlan, PlanView>();
const parsedData = new WeakMap<object, PlanData>();

function dataOf(raw: unknown): PlanData {
  const known = typeof raw === "object" && raw !== null ? parsedData.get(raw) : undefined;
  if (known) return known;
  const data = PlanDataSchema.parse(raw);
  if (typeof raw === "object" && raw !== null) parsedData.set(raw, data);
  return data;
}

/**
 * Plan data the machine has just made is checked with the schema in every mode (see
 * machine-check.ts), so nothing is saved that could not be read again. Data the schema refuses is
 * a refusal in words (a 422 with the typed words kept), never a crash; once checked it is taken
 * as parsed, so an answer does not parse the whole plan again.
 */
function madeByMachine(data: PlanData): void {
  const problem = whyMachineDataInvalid(data);
  if (problem) throw new RefusedError(problem);
  parsedData.set(data, data);
}

export function viewOf(plan: StoredPlan): PlanView {
  let view = views.get(plan);
  if (!view) views.set(plan, (view = makeView(plan)));
  return view;
}

function makeView(plan: StoredPlan): PlanView {
  const snap = plan.snapshot as { value: unknown; context: PlanContext };
  const step = isStage(snap.value) ? snap.value : "setup";
  return {
    consent: snap.context.consent,
    signatures: snap.context.signatures ?? [],
    sealed: plan.sealed,
    reviewLinks: plan.reviewLinks ?? [],
    companionLinks: plan.companionLinks ?? [],
    ownerId: plan.ownerId,
    notes: plan.notes ?? [],
    version: plan.version,
    practice: plan.practice,
    coaching: plan.coaching,
    progress: plan.progress,
    history: plan.history,
    id: plan.id,
    rev: plan.rev,
    step,
    furthest: isStep(snap.context.furthest) ? snap.context.furthest : "setup",
    data: dataOf(snap.context.data),
    drafts: snap.context.drafts ?? {},
    updatedAt: plan.updatedAt,
  };
}

export function summarize(plan: StoredPlan): Omit<PlanSummary, "id" | "updatedAt" | "rev" | "ownerId"> {
  const snap = plan.snapshot as { value: unknown; context?: { data?: Partial<PlanData> } };
  const data = snap.context?.data;
  const review = data?.setup?.annualReviewDate;
  const progress = plan.progress?.actions ?? {};
  const openTargets = (data?.actions ?? [])
    .filter((a) => (progress[a.id]?.status ?? a.status) !== "done")
    .map((a) => (a.targetDate?.kind === "date" ? a.targetDate.date : a.targetDate?.kind === "annual-review" ? review : undefined))
    .filter((d): d is string => typeof d === "string")
    .sort();
  return {
    clientName: String(data?.setup?.clientName ?? ""),
    step: typeof snap.value === "string" ? snap.value : "setup",
    annualReviewDate: review,
    openTargets,
  };
}

export async function createPlan(store: Pick<PlanStore, "create">, setup: Setup, ownerId?: string, practice?: { scenarioId: string }): Promise<PlanView> {
  const actor = createActor(planMachine, { input: { setup } });
  actor.start();
  actor.send({ type: "NEXT" }); // the setup answers are in: the conversation opens at the goals
  madeByMachine(actor.getSnapshot().context.data);
  const plan = await store.create({
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    id: newPlanId(),
    machineVersion: MACHINE_VERSION,
    snapshot: actor.getPersistedSnapshot() as unknown as Record<string, unknown>,
    reviewLinks: [],
    ownerId,
    practice,
  });
  actor.stop();
  return viewOf(plan);
}

/** Why the machine would refuse this event, as a message, or null if it will take it. */
export function whyRefused(view: PlanView, event: PlanEvent): Msg | null {
  if (view.step === "signed") return msg("conversation.refuse.signed");
  if (view.step === "signing") {
    switch (event.type) {
      case "GOTO":
        return null; // back to any reached step; consent and signatures are cleared
      case "CONSENT":
        return null;
      case "SIGN":
        return whyCannotSign(view, event.signature);
      default:
        return msg("conversation.refuse.beingSigned");
    }
  }
  switch (event.type) {
    case "NEXT":
      return whyCannotLeave(view.step, view.data, view.drafts);
    case "GOTO":
      return whyCannotGoTo(view.step, event.step, view.furthest, view.data);
    case "SET_SETUP":
      return null;
    case "CONSENT":
    case "SIGN":
      return msg("conversation.refuse.signingAfterReview");
    default:
      return whyRefusedEdit(event, view.data);
  }
}

/**
 * Sends the events to the plan at `rev` as one save: all are taken, or (if the machine would refuse
 * one) none is and RefusedError says why. Resolves once the new version is on disk.
 */
export async function sendEvent(store: Pick<PlanStore, "update">, id: string, rev: number, events: PlanEvent | PlanEvent[], signer?: SealSigner): Promise<PlanView> {
  const list = Array.isArray(events) ? events : [events];
  let actor: PlanActor | null = null;
  const saved = await store.update(id, rev, (plan) => {
    actor = actorFor(plan);
    for (const [i, event] of list.entries()) {
      const snap = actor.getSnapshot();
      // Before the first event the machine is at the stored version, whose view is already made.
      const current = i === 0 ? viewOf(plan) : viewOf({ ...plan, snapshot: { value: snap.value, context: snap.context } });
      const reason = whyRefused(current, event);
      if (reason) throw new RefusedError(reason);
      actor.send(event);
    }
    const snapshot = actor.getPersistedSnapshot() as unknown as Record<string, unknown>;
    const after = actor.getSnapshot();
    madeByMachine(after.context.data);
    if (after.value === "signed" && !plan.sealed) {
      // The second signature: seal the signed version, once, in the same durable write.
      const { data, consent, signatures } = after.context;
      const at = signatures[signatures.length - 1].at;
      // Only the installation's key makes a seal that whoever holds the files cannot recompute.
      if (!signer) throw new Error("A plan can only be sealed with the installation's signing key.");
      return { ...plan, snapshot, sealed: seal(plan.id, plan.version, data, consent!, signatures, at, signer) };
    }
    return { ...plan, snapshot };
  });
  if (actor) actors.set(saved, actor);
  return viewOf(saved);
}

/** Starts the next version from the signed one: a new draft with the unfinished items carried forward. */
export async function startReassessment(store: PlanStore, id: string, rev: number, today: string): Promise<PlanView> {
  const saved = await store.update(id, rev, (plan) => {
    if (!plan.sealed) throw new RefusedError(msg("conversation.refuse.reassessUnsigned"));
    const current = viewOf(plan);
    const carried = carryForward(current.data, plan.progress, today);
    const actor = createActor(planMachine, { input: { setup: carried.data.setup, data: carried.data, nextId: carried.nextId, drafts: carried.drafts } });
    actor.start();
    actor.send({ type: "NEXT" });
    const snapshot = actor.getPersistedSnapshot() as unknown as Record<string, unknown>;
    const made = actor.getSnapshot().context.data;
    actor.stop();
    madeByMachine(made); // carried commitments may have been re-drafted for the new dates
    return {
      ...plan,
      history: [...plan.history, { version: plan.version, sealed: plan.sealed, progress: plan.progress }],
      version: plan.version + 1,
      sealed: undefined,
      snapshot,
      progress: carried.progress,
    };
  });
  return viewOf(saved);
}

export async function loadPlan(store: PlanStore, id: string): Promise<PlanView | null> {
  const plan = await store.get(id);
  return plan ? viewOf(plan) : null;
}
