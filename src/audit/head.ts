/**
 * The audit chain's signed head: how many entries the log had and the hash of the last, signed
 * with the installation's Ed25519 key and kept in a file of its own beside the log. The chain
 * alone shows an edited or reordered entry, but not entries cut off the end, nor a log edited and
 * re-hashed from there on by whoever can write the data folder; the head shows both, and cannot be
 * made again without the key.
 *
 * The head is written after each batch of entries is appended, so it may be behind the log by the
 * entries of one batch (a crash between the two writes): a log longer than its head is fine when
 * its extra entries chain on from the head. A log shorter than the head, or whose entry at the
 * head's seq has another hash, is not.
 *
 * The file is one JSON line padded to 512 bytes and rewritten in place with one positioned write:
 * no temp file, rename or new descriptor per batch (a rename cost ~125 µs, four times the
 * signature), and a single 512-byte write is not torn by a process crash.
 */
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { z } from "zod";
import type { Signer } from "../signing/keys.ts";

export const HEAD_SIZE = 512;

/**
 * The longest the signed head waits behind the log while entries keep coming: batches written
 * within this time share one signature (an Ed25519 signature and a head write cost a cached page
 * view a sixth of its work). Entries newer than the head can be cut off unnoticed only if the
 * process dies before it signs them: at most this long's worth.
 */
export const HEAD_EVERY_MS = 10;

export interface AuditHead {
  v: 1;
  /** The last entry covered: its seq (also the entry count) and its hash. */
  seq: number;
  hash: string;
  /** Entries up to this seq were written before heads were signed (an older log): 0 for a log signed from its start. */
  since: number;
  /** When the head was signed (UTC). */
  at: string;
  keyId: string;
  /** Ed25519 over signedText(), base64. */
  sig: string;
}

const HeadSchema = z.object({
  v: z.literal(1),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  since: z.number().int().min(0),
  at: z.string().max(40),
  keyId: z.string().max(64),
  sig: z.string().max(200),
});

/** The exact text signed: every member but the signature, in a fixed order. */
export function signedText(h: Omit<AuditHead, "sig">): string {
  return `coplan-audit-head v${h.v}\nseq ${h.seq}\nhash ${h.hash}\nsince ${h.since}\nat ${h.at}\nkey ${h.keyId}`;
}

export function signHead(signer: Signer, last: { seq: number; hash: string }, since: number, at: Date): AuditHead {
  const body = { v: 1 as const, seq: last.seq, hash: last.hash, since, at: at.toISOString(), keyId: signer.keyId };
  return { ...body, sig: signer.sign(signedText(body)) };
}

/** A bad head's `why` in English words (the command-line tools); `code` and `values` for a page (audit.head.<code>). */
export type HeadRead =
  | { kind: "none" }
  | { kind: "bad"; why: string; code: "unreadable" | "otherKey" | "unsigned"; values?: Record<string, string> }
  | { kind: "ok"; head: AuditHead };

/** Checks a head's text against the installation's key; says why in plain words if it does not hold. */
export function parseHead(text: string, signer: Signer): HeadRead {
  if (!text.trim()) return { kind: "none" };
  let parsed: AuditHead;
  try {
    parsed = HeadSchema.parse(JSON.parse(text)) as AuditHead;
  } catch {
    return { kind: "bad", why: "cannot be read", code: "unreadable" };
  }
  if (parsed.keyId !== signer.keyId) {
    return { kind: "bad", why: `was signed with another key (id ${parsed.keyId}), not this installation's (id ${signer.keyId})`, code: "otherKey", values: { other: parsed.keyId, ours: signer.keyId } };
  }
  if (!signer.verify(signedText(parsed), parsed.sig)) {
    return { kind: "bad", why: "does not carry the installation's signature: it was changed, or made without the key", code: "unsigned" };
  }
  return { kind: "ok", head: parsed };
}

export function readHead(file: string, signer: Signer): HeadRead {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    throw err;
  }
  return parseHead(text, signer);
}

/** Rewrites the head file in place, keeping one descriptor open. */
export class HeadWriter {
  private fd: number | null = null;

  constructor(readonly file: string) {}

  write(head: AuditHead): void {
    const line = JSON.stringify(head);
    // A head is about 300 bytes; the padding keeps every write the same length, so no old tail is left behind.
    const buf = Buffer.from(`${line.padEnd(HEAD_SIZE - 1, " ")}\n`, "utf8");
    if (buf.length !== HEAD_SIZE) throw new Error("an audit head does not fit its 512 bytes");
    if (this.fd === null) {
      try {
        this.fd = openSync(this.file, "r+");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        this.fd = openSync(this.file, "w", 0o600);
      }
      writeSync(this.fd, buf, 0, HEAD_SIZE, 0);
      ftruncateSync(this.fd, HEAD_SIZE); // a longer file left by anything else
      return;
    }
    writeSync(this.fd, buf, 0, HEAD_SIZE, 0);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
