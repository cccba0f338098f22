/**
 * Plan files at rest, encrypted with AES-256-GCM when a key is set (COPLAN_ENCRYPTION_KEY, kept
 * outside the data folder). Each write gets a fresh 96-bit IV; the GCM tag makes any change to the
 * file fail to decrypt rather than read as altered data.
 *
 * Each file is bound to what it is: the envelope carries, in the clear, a binding (kind, plan id,
 * revision), and the binding is the cipher's associated data, so it cannot be changed without the
 * key either. The reader checks the binding against what it expected (the file's name, the
 * journal line's id, the last revision it knows): a file copied over another plan's, or an older
 * copy put back, is refused even though it decrypts (see lowdb-store.ts for what is compared).
 *
 * Envelopes written before bindings existed have none; they are still read (their plaintext
 * carries the plan's id and revision, authenticated by the tag all the same, and the store checks
 * those) and are written bound at the plan's next save, or at once by `npm run store:encrypt`.
 * Refusing them instead would stop every encrypted store at the upgrade and protect nothing more.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const MARK = "coplan-aes-256-gcm";

/** What a file is: its kind ("plan", "plan-index"), which one, and a plan's revision. */
export interface Binding {
  kind: string;
  id: string;
  rev?: number;
}

export interface Envelope {
  enc: typeof MARK;
  /** Absent in files written before bindings existed. */
  bind?: Binding;
  iv: string;
  tag: string;
  data: string;
}

/** The associated data: the binding in a fixed order, so the same binding is always the same bytes. */
function aad(b: Binding): Buffer {
  return Buffer.from(JSON.stringify([MARK, b.kind, b.id, b.rev ?? null]), "utf8");
}

export function encrypt(text: string, key: Buffer, bind?: Binding): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (bind) cipher.setAAD(aad(bind));
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  const envelope: Envelope = {
    enc: MARK,
    ...(bind && { bind: { kind: bind.kind, id: bind.id, ...(bind.rev !== undefined && { rev: bind.rev }) } }),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
  return JSON.stringify(envelope);
}

export function isEncrypted(raw: unknown): raw is Envelope {
  return typeof raw === "object" && raw !== null && (raw as Envelope).enc === MARK;
}

/** The plaintext; once this returns, `envelope.bind` (if any) is as the key's holder wrote it. */
export function decrypt(envelope: Envelope, key: Buffer | undefined): string {
  if (!key) throw new Error("this file is encrypted and no COPLAN_ENCRYPTION_KEY is set");
  try {
    // The full 16-byte tag only: GCM would otherwise accept a shortened one, which is easier to forge.
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(envelope.iv, "base64"), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
    if (envelope.bind !== undefined) decipher.setAAD(aad(envelope.bind));
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("it cannot be decrypted with the configured key (wrong key, or the file was altered)");
  }
}
