/**
 * Plan files at rest, encrypted with AES-256-GCM when a key is set (COPLAN_ENCRYPTION_KEY, kept
 * outside the data folder). Each write gets a fresh 96-bit IV; the GCM tag makes any change to the
 * file fail to decrypt rather than read as altered data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const MARK = "coplan-aes-256-gcm";

interface Envelope {
  enc: typeof MARK;
  iv: string;
  tag: string;
  data: string;
}

export function encrypt(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  const envelope: Envelope = { enc: MARK, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
  return JSON.stringify(envelope);
}

export function isEncrypted(raw: unknown): raw is Envelope {
  return typeof raw === "object" && raw !== null && (raw as Envelope).enc === MARK;
}

export function decrypt(envelope: Envelope, key: Buffer | undefined): string {
  if (!key) throw new Error("this file is encrypted and no COPLAN_ENCRYPTION_KEY is set");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(envelope.iv, "base64"));
  decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("it cannot be decrypted with the configured key (wrong key, or the file was altered)");
  }
}
