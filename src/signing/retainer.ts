/**
 * The retainer summary's content, built only from a verified sealed version (never from the live
 * plan), in the order the paper form prints it. The HTML page and the PDF both render this.
 */
import { describeTarget } from "../../machines/commitment.ts";
import { ACTION_KIND_LABELS, BARRIER_CATEGORY_LABELS, RESPONSIBLE_ROLE_LABELS, SERVICE_LENGTH_LABELS, ASSESSMENT_TYPE_LABELS, STRENGTH_ROLE_LABELS } from "../domain/labels.ts";
import type { Signature } from "../domain/signature.ts";
import { LIVE_DATA_DIFFERS, type SealCheck, type Sealed, UNKEYED_NOTICE } from "./seal.ts";
import { sealAttachment } from "./seal-attachment.ts";
import type { Progress } from "../store/plan-store.ts";

export const COPIES = {
  client: "Client copy",
  office: "Office file",
  record: "Case record",
} as const;
export type Copy = keyof typeof COPIES;

export interface RetainerRow {
  status: string;
  goal: string;
  action: string;
  responsible: string;
  target: string;
  done: boolean;
}

export interface Retainer {
  title: string;
  client: string;
  facts: [string, string][];
  goals: { issue: string; words: string; restatement?: string }[];
  declined: { issue: string; reason?: string }[];
  barriers: { words: string; category: string; goal: string }[];
  strengths: { words: string; role: string }[];
  rows: RetainerRow[];
  commitments: string[];
  signatures: (Signature & { label: string; date: string; note?: string })[];
  contentHash: string;
  consent: string;
  /** How the seal was made: with the installation's key (and its id), or before keyed seals. */
  sealLine: string;
  /** Warnings every copy shows at its top: an older seal, or a stored plan that differs. */
  warnings: string[];
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

/** Who gave a signature, where the signer's name alone does not say it. */
function signatureNote(s: Signature): string | undefined {
  if (s.onBehalfOf && s.account) return `Signed by ${s.account.displayName} (${s.account.username}), supervisor, for the case manager ${s.onBehalfOf.displayName} (${s.onBehalfOf.username})`;
  if (s.party === "case-manager" && s.account) return `Signed in as ${s.account.displayName} (${s.account.username})`;
  return undefined;
}

/** `progress`, when given, marks what has been done since signing (recorded beside the seal). */
export function buildRetainer(check: Extract<SealCheck, { ok: true }>, progress?: Progress, source?: RetainerSource): Retainer {
  const d = check.data;
  const goalText = (id: string) => {
    const g = d.goals.find((x) => x.id === id);
    return g ? `${g.issue}: “${g.clientWords}”` : "";
  };
  return {
    title: "Case plan and agreement",
    client: d.setup.clientName,
    facts: [
      ["Client", d.setup.clientName + (d.setup.pronouns ? ` (${d.setup.pronouns})` : "")],
      ["Plan date", d.setup.planDate],
      ["Annual review", d.setup.annualReviewDate],
      ["Service", `${SERVICE_LENGTH_LABELS[d.setup.serviceLength]}, ${ASSESSMENT_TYPE_LABELS[d.setup.assessmentType].toLowerCase()}`],
      ["Signed version", `${check.version}, sealed ${check.sealedAt.slice(0, 10)}`],
    ],
    goals: d.goals.map((g) => ({ issue: g.issue, words: g.clientWords, restatement: g.restatement })),
    declined: d.declined.map((x) => ({ issue: x.issue, reason: x.reason })),
    barriers: d.barriers.map((b) => ({ words: b.clientWords, category: BARRIER_CATEGORY_LABELS[b.category], goal: goalText(b.goalId) })),
    strengths: d.strengths.map((s) => ({ words: s.clientWords, role: STRENGTH_ROLE_LABELS[s.role] })),
    rows: d.actions.map((a) => ({
      goal: goalText(a.goalId),
      action: `${ACTION_KIND_LABELS[a.kind]}: ${a.description}`,
      responsible: RESPONSIBLE_ROLE_LABELS[a.responsible.role] + (a.responsible.name ? `: ${a.responsible.name}` : ""),
      target: describeTarget(a.targetDate, d).replace(/^by /, ""),
      done: (progress?.actions[a.id]?.status ?? a.status) === "done",
      status: progress?.actions[a.id]?.status ?? a.status,
    })),
    commitments: d.actions.map((a) => a.commitment ?? a.description),
    signatures: [...check.signatures]
      .sort((a, b) => (a.party === "client" ? -1 : b.party === "client" ? 1 : 0))
      .map((s) => ({
        ...s,
        label: s.party === "client" ? (s.representative ? `Client's representative (${s.representative.relationship})` : "Client") : "Case manager",
        date: s.at.slice(0, 10),
        note: signatureNote(s),
      })),
    contentHash: check.contentHash,
    sealLine:
      check.scheme === "keyed"
        ? `Sealed with this installation's Ed25519 key (key id ${check.keyId}); anyone with its public key can check it (npm run seal:verify).`
        : "Sealed before keyed seals existed: checked by its SHA-256 fingerprint only.",
    warnings: [...(check.scheme === "unkeyed" ? [UNKEYED_NOTICE] : []), ...(source?.liveDiffers ? [LIVE_DATA_DIFFERS] : [])],
    ...(source ? { attachment: sealAttachment(source.planId, source.sealed) } : {}),
    consent: `Both agreed to sign electronically (notice ${check.consent.noticeVersion}) on ${String(check.consent.at).slice(0, 16).replace("T", " ")} UTC.`,
  };
}
