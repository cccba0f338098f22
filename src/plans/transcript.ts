/**
 * The conversation as a list of chat bubbles, derived from the plan's data and step (never
 * stored). Each bubble has a stable id, so an htmx response can send only the bubbles that are new
 * or changed since the previous version of the plan.
 */
import { STEPS, type Step, stepIndex } from "../../machines/steps.ts";
import type { ItemKind } from "../../machines/rules.ts";
import { commitmentMismatch } from "../../machines/commitment.ts";
import { labelKey } from "../domain/labels.ts";
import type { PlanData, TargetDate } from "../domain/plan.ts";
import type { PlanView } from "./conversation.ts";
import { type Msg, type Translator, isMsgText } from "../i18n/translator.ts";

/**
 * Coplan's own words in a bubble: a catalog message, shown in the reader's language. Its values
 * are people's own words (strings, never translated) or other messages (a label, a goal's name).
 * A transcript holds no language of its own, so one serves every reader.
 */
export interface Said {
  key: string;
  values?: Record<string, string | number | Said | Day>;
}
/** A calendar date (YYYY-MM-DD) in a message: written out in the reader's language. */
export interface Day {
  day: string;
}
/** A person's own words (a string, shown exactly as typed) or Coplan's (Said). */
export type Text = string | Said;

const said = (key: string, values?: Said["values"]): Said => (values ? { key, values } : { key });

type Say = (key: string, values?: Msg["values"]) => string;

/**
 * The words of `text` in the reader's language (`speaker`: their translator, or just its `t`):
 * people's words as they are, Coplan's translated (a Said, a Msg, or a Msg carried in a string by
 * msgText, which no one's typed words can be), dates written out.
 */
export function wordsOf(speaker: Say | Pick<Translator, "t" | "day">, text: Text | Msg): string {
  const t = typeof speaker === "function" ? speaker : speaker.t;
  if (typeof text === "string") return isMsgText(text) ? t(text) : text;
  const values: Msg["values"] = {};
  for (const [k, v] of Object.entries(text.values ?? {})) {
    if (typeof v !== "object" || v instanceof Date) values[k] = v;
    else if ("day" in v) values[k] = typeof speaker === "function" ? v.day : speaker.day(v.day);
    else values[k] = wordsOf(speaker, v);
  }
  return t(text.key, values);
}

export interface Bubble {
  id: string;
  speaker: "coplan" | "client" | "worker";
  /** Who said it, for the screen reader and the eye: "Coplan", the client's name, "Case manager". */
  label: Text;
  /** The main words: a person's exactly as typed, or Coplan's question. */
  text: Text;
  /** Small print under the words: the goal it belongs to, a category, a date. */
  details: Text[];
  /** Set for answers that can be edited from their bubble. */
  edit?: { kind: ItemKind | "setup" | "commitment"; id: string };
}

/** Words the client typed on their own phone say so: the case manager then completes the rest. */
const fromPhone = (item: { fromPhone?: true }): Said[] => (item.fromPhone ? [said("transcript.fromPhone")] : []);

export function displayName(data: PlanData): string {
  return data.setup.preferredName ?? data.setup.clientName;
}

export function goalLabel(data: PlanData, goalId: string): Said {
  const goal = data.goals.find((g) => g.id === goalId);
  return goal ? said("transcript.goalLabel", { issue: goal.issue, words: goal.clientWords }) : said("transcript.noGoal");
}

const label = (set: Parameters<typeof labelKey>[0], code: string): Said => said(labelKey(set, code as never));
const target = (t: TargetDate, data: PlanData): Said =>
  said("transcript.action.target", { kind: t.kind, date: t.kind === "date" ? { day: t.date } : t.kind === "annual-review" ? { day: data.setup.annualReviewDate } : "" });

/** Coplan's question opening each step (`transcript.question.goals` …), the client named in it. */
const question = (step: Step, data: PlanData): Said => said(`transcript.question.${step}`, { client: displayName(data) });

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
  // Members counted and compared as they are walked: listing them (Object.keys) made an array per
  // object compared, a good part of what comparing two versions' transcripts allocated.
  let members = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    members++;
    if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k) && --members < 0) return false;
  return members === 0;
}

function makeTranscript(view: PlanView): Bubble[] {
  const { data } = view;
  const shown = stepIndex(view.furthest);
  const client = displayName(data);
  const out: Bubble[] = [];
  const ask = (step: Step) => out.push({ id: `q-${step}`, speaker: "coplan", label: "Coplan", text: question(step, data), details: [] });

  for (const step of STEPS.slice(0, shown + 1)) {
    ask(step);
    switch (step) {
      case "setup": {
        const s = data.setup;
        out.push({
          id: "setup",
          speaker: "worker",
          label: said("transcript.speaker.caseManager"),
          text: said("transcript.setup.issues", { issues: s.priorityIssues.join("; ") }),
          details: [
            [s.clientName, s.pronouns].filter(Boolean).join(", "),
            said("transcript.setup.service", { length: s.serviceLength.replace(/-/g, "_"), type: s.assessmentType }) /* ICU selectors cannot hold "-" */,
            said("transcript.setup.dates", { planDate: { day: s.planDate }, reviewDate: { day: s.annualReviewDate } }),
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
            details: [...fromPhone(g), said("transcript.goal.issue", { issue: g.issue }), ...(g.restatement ? [said("transcript.goal.restatement", { restatement: g.restatement })] : [])],
            edit: { kind: "goals", id: g.id },
          });
        }
        for (const d of data.declined) {
          out.push({
            id: d.id,
            speaker: "client",
            label: client,
            text: d.reason ?? said("transcript.declined.noReason"),
            details: [said("transcript.declined.issue", { issue: d.issue })],
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
            details: [...fromPhone(b), said("transcript.barrier.detail", { category: label("barrierCategory", b.category), goal: goalLabel(data, b.goalId) })],
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
            details: [...fromPhone(s), said("transcript.strength.detail", { role: label("strengthRole", s.role) })],
            edit: { kind: "strengths", id: s.id },
          });
        }
        break;
      case "actions":
        for (const a of data.actions) {
          const who = a.responsible.name
            ? said("transcript.action.responsibleNamed", { role: label("responsibleRole", a.responsible.role), name: a.responsible.name })
            : said("transcript.action.responsible", { role: label("responsibleRole", a.responsible.role) });
          out.push({
            id: a.id,
            speaker: "worker",
            label: said("transcript.speaker.caseManager"),
            text: a.description,
            details: [...fromPhone(a), said("transcript.action.forGoal", { kind: label("actionKind", a.kind), goal: goalLabel(data, a.goalId) }), who, target(a.targetDate, data)],
            edit: { kind: "actions", id: a.id },
          });
        }
        break;
      case "contract":
        for (const a of data.actions) {
          if (!a.commitment) continue;
          // Said where the sentence is, too: the review step offers to re-draft it or keep it.
          const stale = view.step !== "signed" && commitmentMismatch(a, data, view.drafts);
          const details = stale ? [said("transcript.commitment.stale", { action: a.description })] : [];
          out.push({ id: `c-${a.id}`, speaker: "worker", label: said("transcript.speaker.commitment"), text: a.commitment, details, edit: { kind: "commitment", id: a.id } });
        }
        break;
      case "review":
        break;
    }
  }
  return out;
}
