/**
 * Carrying a log on at start: is the log on disk still the one whose head was signed? A log that
 * is not (cut short, or another entry where the head's entry was) must not be signed again as it
 * now is, which would hide the cut or the edit; the caller then keeps recording unsigned.
 */
import type { Signer } from "../signing/keys.ts";
import { type AuditEntry, GENESIS, parseLine } from "./chain.ts";
import { type AuditHead, readHead } from "./head.ts";
import { findEntry } from "./scan.ts";

export type Resumed =
  /** `signed`: the head found good (null for a new or older log, signed from here on); `since`: entries before signing. */
  | { ok: true; signed: AuditHead | null; since: number }
  | { ok: false; why: string; since: number };

/**
 * `last` is the log's last entry (seq 0 for none) and `tail` its last lines, oldest first: the
 * head's entry is normally among them, a batch behind at most; else the file is searched.
 */
export async function resumeAgainstHead(file: string, headFile: string, signer: Signer, last: { seq: number }, tail: string[]): Promise<Resumed> {
  const read = readHead(headFile, signer);
  // A new log, or one written before heads were signed: signed from here on.
  if (read.kind === "none") return { ok: true, signed: null, since: last.seq };
  if (read.kind === "bad") return { ok: false, why: `its signed head ${read.why}`, since: last.seq };
  const head = read.head;
  const refuse = (why: string): Resumed => ({ ok: false, why, since: head.since });
  if (last.seq < head.seq) return refuse(`it ends at entry ${last.seq}, but its signed head says ${head.seq}`);
  if (head.seq === 0) return head.hash === GENESIS ? { ok: true, signed: head, since: head.since } : refuse("its signed head names an entry the log does not have");
  let atHead: string | null = null;
  for (let i = tail.length - 1; i >= 0 && atHead === null; i--) {
    const entry = parseLine(tail[i]) as AuditEntry | undefined;
    if (entry?.seq === head.seq) atHead = entry.hash;
    else if (typeof entry?.seq === "number" && entry.seq < head.seq) break;
  }
  // Rarely (a head far behind), the entry lies before the end read: look for it through the file.
  atHead ??= (await findEntry(file, head.seq))?.hash ?? null;
  if (atHead !== head.hash) return refuse(`its entry ${head.seq} is not the one its signed head names`);
  return { ok: true, signed: head, since: head.since };
}
