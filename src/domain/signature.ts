/**
 * Consent to signing electronically, and the signatures. Part of the plan's data so that the
 * machine, the seal and the retainer all read the same record.
 */
import { z } from "zod";

export const PARTIES = ["client", "case-manager"] as const;
export type Party = (typeof PARTIES)[number];

/** The notice both people agree to before the first signature. Bump the version when it changes. */
export const CONSENT_NOTICE = {
  version: "2026-11-1",
  points: [
    "You can sign this plan on this screen, by drawing your signature or typing your full name. It counts the same as signing on paper.",
    "You can ask for a paper copy of the plan at any time, and sign on paper instead if you prefer.",
    "You can withdraw from signing electronically at any time by telling your case manager; a paper plan will then be made.",
  ],
} as const;

/** The words of the notice of that version, for the seal; undefined for a version no longer known. */
export function noticeText(version: string): string[] | undefined {
  return version === CONSENT_NOTICE.version ? [...CONSENT_NOTICE.points] : undefined;
}

export const ConsentSchema = z.object({
  noticeVersion: z.string(),
  at: z.string(),
  parties: z.array(z.enum(PARTIES)),
  /** The notice's words as agreed to: added when the plan is sealed. */
  noticeText: z.array(z.string()).optional(),
  /**
   * The languages the signing was done in (issue 22): the client's and the staff member's, as the
   * notice was shown. Absent on consents given before languages were recorded (then English).
   */
  languages: z.object({ client: z.string().max(35), staff: z.string().max(35) }).optional(),
  /** Added when the plan is sealed: each copy's languages and the fixed words it shows (signing/retainer-words.ts). */
  wording: z.unknown().optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** A staff account as it was at signing: its id, and the names it then had. */
export const AccountRefSchema = z.object({ id: z.string().max(100), username: z.string().max(200), displayName: z.string().max(200) });
export type AccountRef = z.infer<typeof AccountRefSchema>;

export const SignatureSchema = z.object({
  party: z.enum(PARTIES),
  /** The person signing: the client, their representative, or the case manager. */
  name: z.string().min(1).max(200),
  representative: z.object({ name: z.string().min(1).max(200), relationship: z.string().min(1).max(120) }).optional(),
  method: z.enum(["drawn", "typed"]),
  /** A drawn signature as a PNG data URL (from the signature pad). */
  image: z.string().max(400_000).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/).optional(),
  typedName: z.string().max(200).optional(),
  agreed: z.literal(true),
  at: z.string(),
  ip: z.string().max(100),
  userAgent: z.string().max(500),
  /**
   * The signed-in account under which the signature was given. For the case manager's signature,
   * the signer's own account, or a supervisor's who signs for them (then `onBehalfOf`).
   */
  account: AccountRefSchema.optional(),
  /** The plan's case manager, when a supervisor signs for them through the "signing for" step. */
  onBehalfOf: AccountRefSchema.optional(),
  /** SHA-256 of the canonical plan content this person signed. */
  contentHash: z.string().regex(/^[a-f0-9]{64}$/),
});
export type Signature = z.infer<typeof SignatureSchema>;
