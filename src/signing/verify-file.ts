/**
 * Checks a retainer file, an exported plan (JSON) or its PDF, with a public key alone: what
 * `npm run seal:verify` prints. Pure: the bytes and the key in, a report in plain words out.
 */
import { inEnglish } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Signature } from "../domain/signature.ts";
import { canonicalJson } from "./canonical.ts";
import { sealFromPdf } from "./pdf-seal.ts";
import { SEAL_ATTACHMENT_FORMAT } from "./seal-attachment.ts";
import { type Sealed, type SealKey, verifySeal } from "./seal.ts";

export interface FileCheck {
  /** "intact": keyed seal verified. "unkeyed": an older seal, hash only. "broken": do not rely on it. */
  verdict: "intact" | "unkeyed" | "broken";
  lines: string[];
}

const broken = (...lines: string[]): FileCheck => ({ verdict: "broken", lines });

function who(s: Signature): string {
  const role = s.party === "client" ? (s.representative ? `Client's representative (${s.representative.relationship})` : "Client") : "Case manager";
  const account = s.onBehalfOf && s.account
    ? `, signed by the supervisor ${s.account.displayName} (account ${s.account.username}) for the case manager ${s.onBehalfOf.displayName} (account ${s.onBehalfOf.username})`
    : s.party === "case-manager" && s.account
      ? ` (account ${s.account.username})`
      : "";
  return `${role}: ${s.name}${account}, signed ${s.at} (${s.method === "drawn" ? "drawn signature" : "typed name"})`;
}

/** Reads the file's plan id, sealed record and (for an export) the data it shows beside the seal. */
interface Read {
  planId: unknown;
  seal: unknown;
  pdf: boolean;
  /** What an export shows beside its seal: each must be exactly what was sealed. */
  shown?: { data: unknown; signatures: unknown; sealedAt: unknown; contentHash: unknown; version: unknown };
}

function readFile(bytes: Buffer): Read | string {
  const isPdf = bytes.subarray(0, 5).toString("latin1") === "%PDF-";
  const json = isPdf ? sealFromPdf(bytes) : bytes.toString("utf8");
  if (json === null) return "This PDF carries no Coplan seal. Only retainer PDFs downloaded from Coplan with keyed seals do.";
  let doc: { format?: unknown; status?: unknown; planId?: unknown; seal?: unknown; data?: unknown; signatures?: unknown; sealedAt?: unknown; contentHash?: unknown; version?: unknown };
  try {
    doc = JSON.parse(json);
  } catch {
    return "The file is neither a Coplan export (JSON) nor a retainer PDF.";
  }
  if (doc.format === SEAL_ATTACHMENT_FORMAT) return { planId: doc.planId, seal: doc.seal, pdf: isPdf };
  if (doc.format === "coplan.plan-export") {
    if (doc.status !== "signed") return "This export is of a draft: no one has signed it, so there is no seal to check.";
    if (!doc.seal) return "This export carries no seal record (exports made before keyed seals did not). Export the plan again.";
    const { data, signatures, sealedAt, contentHash, version } = doc;
    return { planId: doc.planId, seal: doc.seal, pdf: false, shown: { data, signatures, sealedAt, contentHash, version } };
  }
  return "The file is neither a Coplan export (JSON) nor a retainer PDF.";
}

function sealedSummary(d: PlanData): string[] {
  return [
    "This checks the seal the PDF carries, not the text drawn on its pages. What was sealed, to compare with the pages:",
    `  Client: ${d.setup.clientName}. Plan date: ${d.setup.planDate}.`,
    ...d.goals.map((g) => `  Goal (${g.issue}): “${g.clientWords}”`),
    ...d.actions.map((a, i) => `  ${i + 1}. ${a.commitment ?? a.description}`),
  ];
}

export function checkRetainerFile(bytes: Buffer, key: SealKey): FileCheck {
  const read = readFile(bytes);
  if (typeof read === "string") return broken(`Cannot check: ${read}`);
  if (typeof read.planId !== "string" || !read.seal || typeof read.seal !== "object") return broken("Cannot check: the seal record in the file is damaged.");
  const check = verifySeal(read.planId, read.seal as Sealed, key);
  if (!check.ok) return broken(`NOT INTACT. ${inEnglish(check.problem)}`);
  // An export shows the plan, its signatures and times beside the seal: exactly what was sealed.
  const sealed = { data: check.data, signatures: check.signatures, sealedAt: check.sealedAt, contentHash: check.contentHash, version: check.version };
  if (read.shown && canonicalJson(read.shown) !== canonicalJson(sealed)) {
    return broken("NOT INTACT. The plan or signatures shown in this file differ from the sealed version it carries: they were changed after export or after signing. Do not rely on it.");
  }
  const facts = [
    `Plan ${read.planId}, version ${check.version}, sealed ${check.sealedAt}.`,
    ...check.signatures.map(who),
    `Content fingerprint (SHA-256): ${check.contentHash}`,
    // A PDF's pages are drawn, not sealed: say what was sealed, to be compared with them.
    ...(read.pdf ? sealedSummary(check.data) : []),
  ];
  if (check.scheme === "unkeyed") {
    return {
      verdict: "unkeyed",
      lines: ["SEALED BEFORE KEYED SEALS EXISTED. The content matches the fingerprint made at signing, but no key signed it, so this cannot show it was not changed by someone with access to the data files.", ...facts],
    };
  }
  return { verdict: "intact", lines: [`INTACT. The seal was signed with the key ${check.keyId}, and the content, signers, times and consent are as signed.`, ...facts] };
}
