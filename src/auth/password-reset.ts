/**
 * One-time password-reset links, as pure rules: what a token is, how long a link lives, what is
 * kept of it, and what the new password must be. The files are reset-store.ts's; the pages are
 * routes/password-reset.ts's.
 *
 * The token is 256 random bits (base64url, 43 characters), far past guessing; only its SHA-256 is
 * kept, so a copy of the data folder cannot be turned into a working link.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sha256Hex } from "../signing/canonical.ts";
import { AccountFields } from "./users.ts";
import { msgText } from "../i18n/translator.ts";

/** An hour: long enough to pass a link on and use it, short enough that a forgotten one dies soon. */
export const RESET_LIFETIME_MS = 60 * 60 * 1000;
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const ResetRecordSchema = z.object({
  userId: z.string(),
  /** The administrator's user id, or "command-line". */
  issuedBy: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /**
   * Made by `npm run user:reset` while Coplan ran: the command could not write the audit log
   * (the server holds it), so the server records the issue when the link is used.
   */
  auditPending: z.boolean().default(false),
});
export type ResetRecord = z.infer<typeof ResetRecordSchema>;

export function newResetToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** What is kept of a token, and the name of its file; null for anything that cannot be a token. */
export function resetKey(token: string): string | null {
  return TOKEN_SHAPE.test(token) ? sha256Hex(token) : null;
}

export function newResetRecord(userId: string, issuedBy: string, now: Date, auditPending = false): ResetRecord {
  return { userId, issuedBy, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS).toISOString(), auditPending };
}

export function isLive(record: ResetRecord, now: Date): boolean {
  return now.getTime() < Date.parse(record.expiresAt);
}

export const resetPath = (token: string) => `/reset/${token}`;

/** The new password, twice: the account rules, in plain words in the reader's language (msgText). */
export const NewPasswordForm = z
  .object({ password: AccountFields.password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ["confirm"], message: msgText("account.passwordsDiffer") });
