/**
 * Checks a retainer file, an exported plan (JSON) or its PDF, with a public key alone: what
 * `npm run seal:verify` prints. Pure: the bytes and the key in, a report in plain words out.
 */
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
function readFile(bytes: Buffer): { planId: unknown; seal: unknown; data?: unknown } | string {
  const isPdf = bytes.subarray(0, 5).toString("latin1") === "%PDF-";
  const json = isPdf ? sealFromPdf(bytes) : bytes.toString("utf8");
  if (json === null) return "This PDF carries no Coplan seal. Only retainer PDFs downloaded from Coplan with keyed seals do.";
  let doc: { format?: unknown; status?: unknown; planId?: unknown; seal?: unknown; data?: unknown };
  try {
    doc = JSON.parse(json);
  } catch {
    return "The file is neither a Coplan export (JSON) nor a retainer PDF.";
  }
  if (doc.format === SEAL_ATTACHMENT_FORMAT) return { planId: doc.planId, seal: doc.seal };
  if (doc.format === "coplan.plan-export") {
    if (doc.status !== "signed") return "This export is of a draft: no one has signed it, so there is no seal to check.";
    if (!doc.seal) return "This export carries no seal record (exports made before keyed seals did not). Export the plan again.";
    return { planId: doc.planId, seal: doc.seal, data: doc.data };
  }
  return "The file is neither a Coplan export (JSON) nor a retainer PDF.";
}

export function checkRetainerFile(bytes: Buffer, key: SealKey): FileCheck {
  const read = readFile(bytes);
  if (typeof read === "string") return broken(`Cannot check: ${read}`);
  if (typeof read.planId !== "string" || !read.seal || typeof read.seal !== "object") return broken("Cannot check: the seal record in the file is damaged.");
  const check = verifySeal(read.planId, read.seal as Sealed, key);
  if (!check.ok) return broken(`NOT INTACT. ${check.problem}`);
  // An export shows the plan's data beside the seal: it must be exactly what was sealed.
  if (read.data !== undefined && canonicalJson(read.data) !== canonicalJson(check.data)) {
    return broken("NOT INTACT. The plan shown in this file differs from the sealed version it carries: it was changed after export or after signing. Do not rely on it.");
  }
  const facts = [
    `Plan ${read.planId}, version ${check.version}, sealed ${check.sealedAt}.`,
    ...check.signatures.map(who),
    `Content fingerprint (SHA-256): ${check.contentHash}`,
  ];
  if (check.scheme === "unkeyed") {
    return {
      verdict: "unkeyed",
      lines: ["SEALED BEFORE KEYED SEALS EXISTED. The content matches the fingerprint made at signing, but no key signed it, so this cannot show it was not changed by someone with access to the data files.", ...facts],
    };
  }
  return { verdict: "intact", lines: [`INTACT. The seal was signed with the key ${check.keyId}, and the content, signers, times and consent are as signed.`, ...facts] };
}
