/**
 * The conversation as a list of chat bubbles, derived from the plan's data and step (never
 * stored). Each bubble has a stable id, so an htmx response can send only the bubbles that are new
 * or changed since the previous version of the plan.
 */
import { STEPS, type Step, stepIndex } from "../../machines/steps.ts";
import type { ItemKind } from "../../machines/rules.ts";
import { commitmentMismatch, describeTarget } from "../../machines/commitment.ts";
import {
  ACTION_KIND_LABELS,
  ASSESSMENT_TYPE_LABELS,
  BARRIER_CATEGORY_LABELS,
  RESPONSIBLE_ROLE_LABELS,
  SERVICE_LENGTH_LABELS,
  STRENGTH_ROLE_LABELS,
} from "../domain/labels.ts";
import type { PlanData } from "../domain/plan.ts";
import type { PlanView } from "./conversation.ts";

export interface Bubble {
  id: string;
  speaker: "coplan" | "client" | "worker";
  /** Who said it, for the screen reader and the eye: "Coplan", the client's name, "Case manager". */
  label: string;
  /** The main words, shown exactly as typed. */
  text: string;
  /** Small print under the words: the goal it belongs to, a category, a date. */
  details: string[];
  /** Set for answers that can be edited from their bubble. */
  edit?: { kind: ItemKind | "setup" | "commitment"; id: string };
}

/** Words the client typed on their own phone say so: the case manager then completes the rest. */
const fromPhone = (item: { fromPhone?: true }): string[] => (item.fromPhone ? ["From the client's phone: check the details and edit to complete them."] : []);

export function displayName(data: PlanData): string {
  return data.setup.preferredName ?? data.setup.clientName;
}

export function goalLabel(data: PlanData, goalId: string): string {
  const goal = data.goals.find((g) => g.id === goalId);
  return goal ? `${goal.issue}: “${goal.clientWords}”` : "(no goal chosen)";
}

const QUESTIONS: Record<Step, (data: PlanData) => string> = {
  setup: (d) =>
    `Welcome. This is ${displayName(d)}'s plan, made together. We will go one question at a time, starting from the priority issues the assessment found.`,
  goals: (d) =>
    `For each issue, what would ${displayName(d)} like to be different? Their own words go down exactly as they say them. If they would rather not work on an issue now, we note that too.`,
  barriers: (d) => `What has made each goal hard to reach so far? Knowing this shows where help should go.`,
  strengths: (d) => `What is ${displayName(d)} good at, or what has helped before? Strengths decide who does each step.`,
  actions: () => `Now the action plan: for each goal, what will be done, by whom and by when?`,
  contract: () => `Here is each action as a commitment. Read them together and change the words until you both agree.`,
  review: (d) => `This is the whole plan. Read it through with ${displayName(d)}; when it is right, it is ready to sign.`,
};

/**
 * A view never changes (see conversation.ts), so its transcript is made once: a response uses it
 * for the page or panel and again to compare with the version before, and the next answer's
 * response compares against it as the version before. Only the most recent are kept (a few per
 * conversation going on now), so the memory they take stays small however many plans are read.
 * Read-only for the same reason.
 */
const transcripts = new Map<PlanView, readonly Bubble[]>();
const KEEP_TRANSCRIPTS = 64;
/** The transcript made last for each plan (of those kept above), for the next version to share from. */
const latest = new Map<string, readonly Bubble[]>();

export function transcript(view: PlanView): readonly Bubble[] {
  let bubbles = transcripts.get(view);
  if (!bubbles) {
    bubbles = shareUnchanged(makeTranscript(view), latest.get(view.id));
    transcripts.set(view, bubbles);
    latest.set(view.id, bubbles);
    if (transcripts.size > KEEP_TRANSCRIPTS) {
      const [oldest, gone] = transcripts.entries().next().value!;
      transcripts.delete(oldest);
      if (latest.get(oldest.id) === gone) latest.delete(oldest.id);
    }
  }
  return bubbles;
}

/**
 * An answer changes one or two bubbles of a transcript: the others are taken from the plan's
 * transcript before, the very same objects. The new version's transcript then holds little that
 * is new (kept transcripts live long enough to reach the old generation, so what each one holds
 * counts), and comparing the two versions' bubbles (sameBubble) finds most equal at once.
 */
function shareUnchanged(bubbles: Bubble[], before: readonly Bubble[] | undefined): readonly Bubble[] {
  if (!before) return bubbles;
  const old = new Map(before.map((b) => [b.id, b]));
  return bubbles.map((b) => {
    const was = old.get(b.id);
    return was && sameValue(was, b) ? was : b;
  });
}

/**
 * Whether two bubbles say the same: every member equal, compared in place (a bubble holds strings,
 * arrays of strings and small objects of them). Comparing a whole transcript this way makes no
 * garbage, where serialising every bubble to compare the text did.
 */
export function sameBubble(a: Bubble, b: Bubble): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function makeTranscript(view: PlanView): Bubble[] {
  const { data } = view;
  const shown = stepIndex(view.furthest);
  const client = displayName(data);
  const out: Bubble[] = [];
  const ask = (step: Step) => out.push({ id: `q-${step}`, speaker: "coplan", label: "Coplan", text: QUESTIONS[step](data), details: [] });

  for (const step of STEPS.slice(0, shown + 1)) {
    ask(step);
    switch (step) {
      case "setup": {
        const s = data.setup;
        out.push({
          id: "setup",
          speaker: "worker",
          label: "Case manager",
          text: `Priority issues: ${s.priorityIssues.join("; ")}`,
          details: [
            [s.clientName, s.pronouns].filter(Boolean).join(", "),
            `${SERVICE_LENGTH_LABELS[s.serviceLength]} service, ${ASSESSMENT_TYPE_LABELS[s.assessmentType].toLowerCase()}`,
            `Plan date ${s.planDate}; annual review ${s.annualReviewDate}`,
          ],
          edit: { kind: "setup", id: "setup" },
        });
        break;
      }
      case "goals":
        for (const g of data.goals) {
          out.push({
            id: g.id,
            speaker: "client",
            label: client,
            text: g.clientWords,
            details: [...fromPhone(g), `Issue: ${g.issue}`, ...(g.restatement ? [`Case manager's SMART restatement: ${g.restatement}`] : [])],
            edit: { kind: "goals", id: g.id },
          });
        }
        for (const d of data.declined) {
          out.push({
            id: d.id,
            speaker: "client",
            label: client,
            text: d.reason ?? "I would rather not work on this now.",
            details: [`Declined for now: ${d.issue}`],
            edit: { kind: "declined", id: d.id },
          });
        }
        break;
      case "barriers":
        for (const b of data.barriers) {
          out.push({
            id: b.id,
            speaker: "client",
            label: client,
            text: b.clientWords,
            details: [...fromPhone(b), `Barrier (${BARRIER_CATEGORY_LABELS[b.category]}) to ${goalLabel(data, b.goalId)}`],
            edit: { kind: "barriers", id: b.id },
          });
        }
        break;
      case "strengths":
        for (const s of data.strengths) {
          out.push({
            id: s.id,
            speaker: "client",
            label: client,
            text: s.clientWords,
            details: [...fromPhone(s), `Strength: ${STRENGTH_ROLE_LABELS[s.role]}`],
            edit: { kind: "strengths", id: s.id },
          });
        }
        break;
      case "actions":
        for (const a of data.actions) {
          const who = `${RESPONSIBLE_ROLE_LABELS[a.responsible.role]}${a.responsible.name ? ` (${a.responsible.name})` : ""}`;
          out.push({
            id: a.id,
            speaker: "worker",
            label: "Case manager",
            text: a.description,
            details: [...fromPhone(a), `${ACTION_KIND_LABELS[a.kind]} for ${goalLabel(data, a.goalId)}`, `Responsible: ${who}`, `Target: ${describeTarget(a.targetDate, data)}`],
            edit: { kind: "actions", id: a.id },
          });
        }
        break;
      case "contract":
        for (const a of data.actions) {
          if (!a.commitment) continue;
          // Said where the sentence is, too: the review step offers to re-draft it or keep it.
          const stale = view.step !== "signed" && commitmentMismatch(a, data, view.drafts);
          const details = stale ? [`No longer matches its action, which has changed since: “${a.description}”. Re-draft it or keep the wording at the review.`] : [];
          out.push({ id: `c-${a.id}`, speaker: "worker", label: "Commitment", text: a.commitment, details, edit: { kind: "commitment", id: a.id } });
        }
        break;
      case "review":
        break;
    }
  }
  return out;
}
