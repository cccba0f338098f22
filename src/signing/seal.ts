/**
 * The sealed, signed version of a plan: written once, with the second signature, and checked every
 * time it is shown.
 *
 * Two layers. The canonical content has a SHA-256 (`contentHash`) that both people's signatures
 * name. Then the installation's Ed25519 key signs a statement binding that hash to everything else
 * a reader relies on: the plan id and version, when it was sealed, the consent (with the notice's
 * text), and each signature whole (name, account, time, method). Whoever can write the data folder
 * can recompute a SHA-256, but not an Ed25519 signature without the private key, which lives apart
 * from the plan files (src/signing/keys.ts). So an edited, re-hashed record is reported as broken.
 *
 * Seals made before keyed seals existed carry no key signature: they are checked the old way (the
 * hash only) and labelled as such, never as fully verified. The installation's key also signed a
 * list of the old seals its store held when the key was made (legacy-seals.ts): checked with that
 * key, an old seal not on the list is reported as broken, since it is a keyed seal stripped of its
 * signature (or was never sealed here). A public key alone (seal:verify) has no list to check.
 */
import { msgText } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import { PlanDataSchema } from "../domain/plan.ts";
import { type Consent, noticeText, type Signature, SignatureSchema } from "../domain/signature.ts";
import type { StoredPlan } from "../store/plan-store.ts";
import { canonicalJson, sha256Hex } from "./canonical.ts";
import type { LegacySeals } from "./legacy-seal-list.ts";
import { wordingToSeal } from "./retainer-words.ts";
import { clientCatalogTag } from "../i18n/client-language.ts";
import { SOURCE_LANGUAGE } from "../i18n/catalogs.ts";

export const SEALED_FORMAT = "coplan.signed-plan";
/** The format of the statement the installation's key signs. */
export const SEAL_STATEMENT_FORMAT = "coplan.seal-statement";

export type Sealed = NonNullable<StoredPlan["sealed"]>;

/** What a seal is checked with: the installation's Signer, or a public key alone (seal:verify). */
export interface SealKey {
  readonly keyId: string;
  verify(text: string, signature: string): boolean;
  /** The installation's signed list of old seals; absent for a public key alone (old seals then pass, labelled). */
  readonly legacySeals?: LegacySeals;
}
/** What a seal is made with: `deps.signer`. */
export interface SealSigner extends SealKey {
  sign(text: string): string;
}

/** What both people sign: the plan's content, bound to this plan and version. */
export function signedContent(planId: string, version: number, data: PlanData) {
  return { format: SEALED_FORMAT, planId, version, data };
}

export function contentHash(planId: string, version: number, data: PlanData): string {
  return sha256Hex(canonicalJson(signedContent(planId, version, data)));
}

/**
 * The text the installation's key signs: the content's hash (which the canonical content must
 * match) with the plan, version, time, consent and every signature as stored, whole. Built from
 * the stored record itself, so a change to any of these, down to one character, breaks the seal.
 */
export function sealStatement(planId: string, sealed: Pick<Sealed, "version" | "sealedAt" | "contentHash" | "consent" | "signatures"> & { keyId?: string }): string {
  return canonicalJson({
    format: SEAL_STATEMENT_FORMAT,
    planId,
    version: sealed.version,
    sealedAt: sealed.sealedAt,
    contentHash: sealed.contentHash,
    consent: sealed.consent,
    signatures: sealed.signatures,
    keyId: sealed.keyId,
  });
}

export function seal(planId: string, version: number, data: PlanData, consent: Consent, signatures: Signature[], at: string, signer: SealSigner): Sealed {
  const canonical = canonicalJson(signedContent(planId, version, data));
  // The notice's own words go into the seal, so what was agreed to is kept even if the notice changes;
  // so do the fixed words of every copy of the retainer, in each language it speaks (retainer-words.ts).
  const languages = consent.languages ?? { client: clientCatalogTag(data), staff: SOURCE_LANGUAGE };
  const agreed = { ...consent, noticeText: consent.noticeText ?? noticeText(consent.noticeVersion), wording: wordingToSeal(languages.client, languages.staff) };
  // A round trip through JSON: the statement is signed over exactly what will be stored and read back.
  const record = JSON.parse(JSON.stringify({ version, sealedAt: at, canonical, contentHash: sha256Hex(canonical), consent: agreed, signatures, keyId: signer.keyId }));
  return { ...record, keySignature: signer.sign(sealStatement(planId, record)) };
}

export type SealCheck =
  | {
      ok: true;
      data: PlanData;
      signatures: Signature[];
      consent: Consent;
      contentHash: string;
      sealedAt: string;
      version: number;
      /** "keyed": signed with the installation's key. "unkeyed": sealed before keyed seals existed. */
      scheme: "keyed" | "unkeyed";
      keyId?: string;
      keySignature?: string;
    }
  | { ok: false; problem: string };

/** Plain words for a seal made before keyed seals existed: shown wherever such a plan is. */
export const UNKEYED_NOTICE =
  "This plan was sealed before keyed seals existed. Its content still matches the fingerprint made at signing, but that fingerprint is not signed with this installation's key, so a change made by someone with access to the data files could not be told apart.";

/**
 * Checks already made, by key and by stored sealed record. A stored record is never changed in
 * place (an altered file is read into a new object), so a plan viewed again is not checked again.
 */
const checked = new WeakMap<SealKey, WeakMap<object, { planId: string; check: SealCheck }>>();

/**
 * Re-reads a sealed version from what is stored, trusting nothing: the key signature, the hash,
 * the signatures, the shape. `key` is the installation's (deps.signer) or a public key's.
 */
export function verifySeal(planId: string, sealed: StoredPlan["sealed"], key: SealKey): SealCheck {
  if (!sealed) return { ok: false, problem: "This plan has not been signed yet." };
  let byRecord = checked.get(key);
  if (!byRecord) checked.set(key, (byRecord = new WeakMap()));
  const hit = byRecord.get(sealed);
  if (hit && hit.planId === planId) return hit.check;
  const check = checkSeal(planId, sealed, key);
  byRecord.set(sealed, { planId, check });
  return check;
}

function checkSeal(planId: string, sealed: Sealed, key: SealKey): SealCheck {
  // The verdict is a message (msgText): pages say it in the reader's language, the command-line tools in English (inEnglish).
  const broken = (why: string): SealCheck => ({ ok: false, problem: msgText("seal.broken", { why: msgText(`seal.why.${why}`) }) });
  const keyed = sealed.keySignature !== undefined || sealed.keyId !== undefined;
  if (keyed) {
    if (typeof sealed.keySignature !== "string" || typeof sealed.keyId !== "string") return broken("signatureDamaged");
    if (sealed.keyId !== key.keyId) {
      return { ok: false, problem: msgText("seal.otherKey", { sealedWith: sealed.keyId, checkedWith: key.keyId }) };
    }
    if (!key.verify(sealStatement(planId, sealed), sealed.keySignature)) {
      return broken("signatureMismatch");
    }
  }
  if (sha256Hex(sealed.canonical) !== sealed.contentHash) return broken("contentDiffers");
  const signatures = SignatureSchema.array().safeParse(sealed.signatures);
  if (!signatures.success || signatures.data.length !== 2) return broken("signaturesDamaged");
  if (signatures.data.some((s) => s.contentHash !== sealed.contentHash)) return broken("otherContent");
  // Signatures that name an account were made after keyed seals existed: one without a key
  // signature has had it stripped, to pass as an old seal.
  if (!keyed && signatures.data.some((s) => s.account)) return broken("signatureRemoved");
  if (!keyed && key.legacySeals) {
    const listed = key.legacySeals.status(planId, sealed.version, sealed.contentHash);
    if (listed === "unlisted") return broken("signatureRemovedOrForeign");
    if (listed !== "listed") {
      return { ok: false, problem: msgText("seal.unconfirmable", { why: msgText(`seal.legacyList.${listed.unconfirmable}`) }) };
    }
  }
  let content: { format?: unknown; planId?: unknown; version?: unknown; data?: unknown };
  try {
    content = JSON.parse(sealed.canonical);
  } catch {
    return broken("unreadable");
  }
  if (content.format !== SEALED_FORMAT || content.planId !== planId || content.version !== sealed.version) {
    return broken("otherPlan");
  }
  const data = PlanDataSchema.safeParse(content.data);
  if (!data.success) return broken("unreadable");
  return {
    ok: true,
    data: data.data,
    signatures: signatures.data,
    consent: sealed.consent as Consent,
    contentHash: sealed.contentHash,
    sealedAt: sealed.sealedAt,
    version: sealed.version,
    scheme: keyed ? "keyed" : "unkeyed",
    ...(keyed ? { keyId: sealed.keyId, keySignature: sealed.keySignature } : {}),
  };
}

/**
 * Whether the plan's live data (what the plan page and handover show) still matches its verified
 * sealed version. It should, always: a difference means the stored plan was changed after signing.
 */
export function liveDataMatches(planId: string, version: number, live: PlanData, check: Extract<SealCheck, { ok: true }>): boolean {
  return contentHash(planId, version, live) === check.contentHash;
}

/** Shown wherever a signed plan's live data differs from what was signed. */
export const LIVE_DATA_DIFFERS =
  "The plan as stored no longer matches the version both people signed. What is shown from the stored plan may have been changed after signing; the signed retainer shows what was agreed. Tell your supervisor.";
