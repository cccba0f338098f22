/**
 * The client's review page in plain words (about a grade-6 reading level): what they agreed to,
 * what their case manager will do, what they will do, each action once, dates in words. Built only
 * from a verified sealed version, like the retainer, so it shows what was signed.
 */
import type { RESPONSIBLE_ROLES, TargetDate } from "../domain/plan.ts";
import { dayInWords, momentInWords } from "../dates-in-words.ts";
import type { Progress } from "../store/plan-store.ts";
import type { SealCheck } from "./seal.ts";

export interface ClientAction {
  what: string;
  /** Someone other than the client or the case manager: who, in plain words. */
  who?: string;
  when: string;
  status: "done" | "started" | "not-done" | "to-do";
}

export interface ClientReview {
  /** The case manager's first name, as they signed ("Jo"); undefined if it cannot be told. */
  caseManager?: string;
  goals: { words: string; about: string }[];
  strengths: string[];
  notNow: { about: string; why?: string }[];
  caseManagerDoes: ClientAction[];
  youDo: ClientAction[];
  othersDo: ClientAction[];
  doneCount: number;
  total: number;
  signed: { who: string; name: string; on: string }[];
}

/** Who the other helpers are, said to the client. */
const OTHERS: Record<Exclude<(typeof RESPONSIBLE_ROLES)[number], "case-manager" | "client">, string> = {
  provider: "a service",
  family: "your family",
  caregiver: "your caregiver",
  "other-support": "someone who supports you",
};

function when(target: TargetDate, yearlyReview: string): string {
  switch (target.kind) {
    case "date":
      return `By ${dayInWords(target.date)}`;
    case "annual-review":
      return `By your yearly review on ${dayInWords(yearlyReview)}`;
    case "ongoing":
      return `All the time. We look at it again at your yearly review on ${dayInWords(yearlyReview)}`;
  }
}

const STATUS = { done: "done", "in-progress": "started", "not-done": "not-done", "not-started": "to-do" } as const;

export function buildClientReview(check: Extract<SealCheck, { ok: true }>, progress: Progress | undefined, timeZone: string): ClientReview {
  const d = check.data;
  const cmSignature = check.signatures.find((s) => s.party === "case-manager");
  const cmName = (cmSignature?.onBehalfOf?.displayName ?? cmSignature?.name ?? "").trim().split(/\s+/)[0] || undefined;
  const action = (a: (typeof d.actions)[number]): ClientAction => {
    const { role, name } = a.responsible;
    const who = role === "client" || role === "case-manager" ? undefined : name ? `${name} (${OTHERS[role]})` : OTHERS[role].replace(/^./, (c) => c.toUpperCase());
    return {
      what: a.description.trim(),
      ...(who ? { who } : {}),
      when: when(a.targetDate, d.setup.annualReviewDate),
      status: STATUS[progress?.actions[a.id]?.status ?? a.status],
    };
  };
  const byRole = (match: (role: string) => boolean) => d.actions.filter((a) => match(a.responsible.role)).map(action);
  const all = d.actions.map(action);
  return {
    caseManager: cmName,
    goals: d.goals.map((g) => ({ words: g.clientWords, about: g.issue })),
    strengths: d.strengths.map((s) => s.clientWords),
    notNow: d.declined.map((x) => ({ about: x.issue, ...(x.reason ? { why: x.reason } : {}) })),
    caseManagerDoes: byRole((r) => r === "case-manager"),
    youDo: byRole((r) => r === "client"),
    othersDo: byRole((r) => r !== "case-manager" && r !== "client"),
    doneCount: all.filter((a) => a.status === "done").length,
    total: all.length,
    signed: [...check.signatures]
      .sort((a, b) => (a.party === "client" ? -1 : b.party === "client" ? 1 : 0))
      .map((s) => ({
        who: s.party === "client" ? (s.representative ? "Your representative" : "You") : "Your case manager",
        name: s.representative ? `${s.representative.name}, ${s.representative.relationship}` : s.name,
        on: momentInWords(s.at, timeZone),
      })),
  };
}
