/**
 * The client's review page in plain words (about a grade-6 reading level): what they agreed to,
 * what their case manager will do, what they will do, each action once, dates in words. Built only
 * from a verified sealed version, like the retainer, so it shows what was signed.
 *
 * Fixed words come from the catalogs, in the language the page speaks (the client's: see
 * http/language.ts, useClientLanguage); the client's own words are passed through untouched.
 */
import type { RESPONSIBLE_ROLES, TargetDate } from "../domain/plan.ts";
import type { Translator } from "../i18n/translator.ts";
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

type Other = Exclude<(typeof RESPONSIBLE_ROLES)[number], "case-manager" | "client">;

function when(tr: Translator, target: TargetDate, yearlyReview: string): string {
  switch (target.kind) {
    case "date":
      return tr.t("review.byDate", { date: tr.day(target.date) });
    case "annual-review":
      return tr.t("review.byYearlyReview", { date: tr.day(yearlyReview) });
    case "ongoing":
      return tr.t("review.ongoing", { date: tr.day(yearlyReview) });
  }
}

const STATUS = { done: "done", "in-progress": "started", "not-done": "not-done", "not-started": "to-do" } as const;

export function buildClientReview(check: Extract<SealCheck, { ok: true }>, progress: Progress | undefined, tr: Translator): ClientReview {
  const d = check.data;
  const cmSignature = check.signatures.find((s) => s.party === "case-manager");
  const cmName = (cmSignature?.onBehalfOf?.displayName ?? cmSignature?.name ?? "").trim().split(/\s+/)[0] || undefined;
  const action = (a: (typeof d.actions)[number]): ClientAction => {
    const { role, name } = a.responsible;
    const other = role === "client" || role === "case-manager" ? undefined : (role as Other);
    const who = other === undefined ? undefined : name ? tr.t("review.otherNamed", { name, who: tr.t(`review.other.${other}`) }) : tr.t(`review.otherUnnamed.${other}`);
    return {
      what: a.description.trim(),
      ...(who ? { who } : {}),
      when: when(tr, a.targetDate, d.setup.annualReviewDate),
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
        who: tr.t(s.party === "client" ? (s.representative ? "review.signer.representative" : "review.signer.you") : "review.signer.caseManager"),
        name: s.representative ? `${s.representative.name}, ${s.representative.relationship}` : s.name,
        on: tr.moment(s.at),
      })),
  };
}
