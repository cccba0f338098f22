/**
 * The retainer summary's content, built only from a verified sealed version (never from the live
 * plan), in the order the paper form prints it. The HTML page and the PDF both render this, each
 * copy in its own languages (retainer-copy.ts) with the words sealed for it (retainer-words.ts).
 */
import type { PlanData, TargetDate } from "../domain/plan.ts";
import type { Signature } from "../domain/signature.ts";
import type { SealCheck, Sealed } from "./seal.ts";
import { sealAttachment } from "./seal-attachment.ts";
import type { Progress } from "../store/plan-store.ts";
import { COPY_KINDS, type Copy, type SealedWording, SealedWordingSchema } from "./retainer-words.ts";

export { type Copy } from "./retainer-words.ts";
/** The three copies, in the order they are printed. */
export const COPIES: readonly Copy[] = COPY_KINDS;

export interface RetainerRow {
  status: string;
  /** The goal as the client said it: "issue: “words”". */
  goal: string;
  kind: PlanData["actions"][number]["kind"];
  description: string;
  role: PlanData["actions"][number]["responsible"]["role"];
  name?: string;
  target: TargetDate;
  done: boolean;
}

/** Why a copy carries a warning at its top; said in the reader's language (not sealed: it is about today). */
export type RetainerWarning = "unkeyed" | "liveDiffers";

export interface Retainer {
  client: string;
  pronouns?: string;
  planDate: string;
  annualReviewDate: string;
  serviceLength: PlanData["setup"]["serviceLength"];
  assessmentType: PlanData["setup"]["assessmentType"];
  version: number;
  /** The day it was sealed (YYYY-MM-DD). */
  sealedDay: string;
  goals: { issue: string; words: string; restatement?: string }[];
  declined: { issue: string; reason?: string }[];
  barriers: { words: string; category: PlanData["barriers"][number]["category"]; goal: string }[];
  strengths: { words: string; role: PlanData["strengths"][number]["role"] }[];
  rows: RetainerRow[];
  commitments: string[];
  signatures: (Signature & { date: string })[];
  contentHash: string;
  consent: { noticeVersion: string; at: string };
  seal: { scheme: "keyed" | "unkeyed"; keyId?: string };
  warnings: RetainerWarning[];
  /** The words sealed for each copy; absent on seals made before they were (then English). */
  wording?: SealedWording;
  /** What the PDF embeds so `npm run seal:verify` can check it without Coplan (JSON). */
  attachment?: string;
}

/** Where the retainer came from, for the PDF's embedded seal and the warnings. */
export interface RetainerSource {
  planId: string;
  sealed: Sealed;
  /** The plan as stored no longer matches this signed version. */
  liveDiffers?: boolean;
}

/** `progress`, when given, marks what has been done since signing (recorded beside the seal). */
export function buildRetainer(check: Extract<SealCheck, { ok: true }>, progress?: Progress, source?: RetainerSource): Retainer {
  const d = check.data;
  const goalText = (id: string) => {
    const g = d.goals.find((x) => x.id === id);
    return g ? `${g.issue}: “${g.clientWords}”` : "";
  };
  const wording = SealedWordingSchema.safeParse((check.consent as { wording?: unknown }).wording);
  return {
    client: d.setup.clientName,
    pronouns: d.setup.pronouns,
    planDate: d.setup.planDate,
    annualReviewDate: d.setup.annualReviewDate,
    serviceLength: d.setup.serviceLength,
    assessmentType: d.setup.assessmentType,
    version: check.version,
    sealedDay: check.sealedAt.slice(0, 10),
    goals: d.goals.map((g) => ({ issue: g.issue, words: g.clientWords, restatement: g.restatement })),
    declined: d.declined.map((x) => ({ issue: x.issue, reason: x.reason })),
    barriers: d.barriers.map((b) => ({ words: b.clientWords, category: b.category, goal: goalText(b.goalId) })),
    strengths: d.strengths.map((s) => ({ words: s.clientWords, role: s.role })),
    rows: d.actions.map((a) => ({
      goal: goalText(a.goalId),
      kind: a.kind,
      description: a.description,
      role: a.responsible.role,
      name: a.responsible.name,
      target: a.targetDate,
      done: (progress?.actions[a.id]?.status ?? a.status) === "done",
      status: progress?.actions[a.id]?.status ?? a.status,
    })),
    commitments: d.actions.map((a) => a.commitment ?? a.description),
    signatures: [...check.signatures]
      .sort((a, b) => (a.party === "client" ? -1 : b.party === "client" ? 1 : 0))
      .map((s) => ({ ...s, date: s.at.slice(0, 10) })),
    contentHash: check.contentHash,
    consent: { noticeVersion: check.consent.noticeVersion, at: String(check.consent.at) },
    seal: { scheme: check.scheme, keyId: check.keyId },
    warnings: [...(check.scheme === "unkeyed" ? (["unkeyed"] as const) : []), ...(source?.liveDiffers ? (["liveDiffers"] as const) : [])],
    ...(wording.success && wording.data ? { wording: wording.data } : {}),
    ...(source ? { attachment: sealAttachment(source.planId, source.sealed) } : {}),
  };
}
