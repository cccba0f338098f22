/**
 * Reads the audit log as a stream, one line at a time (readline over a read stream), so a log of
 * any size is checked in bounded memory: its hash chain from the first entry, and its end against
 * the signed head. Whoever reads the log for a page gets each readable entry on the way. The same
 * check serves the PostgreSQL log, whose rows are read in pages (scanEntries).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { ChainChecker, parseLine, StoredEntry } from "./chain.ts";
import type { HeadRead } from "./head.ts";
import { msgText } from "../i18n/translator.ts";

export interface LogVerdict {
  ok: boolean;
  /** Lines in the log. */
  count: number;
  /** "none": an older log, written before its head was signed, checked by its chain alone. */
  head: "signed" | "none" | "bad";
  /** The entry the signed head names (0 without one). */
  headSeq: number;
  /** Entries up to this seq were written before the head was signed. */
  since: number;
  /** What is wrong, in plain words, when not ok. */
  /** What is wrong, in English words (the command-line tools). */
  problems: string[];
  /** The same, as messages (msgText) for a page to say in its reader's language. */
  messages: string[];
}

async function* lines(file: string): AsyncGenerator<string> {
  try {
    await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  const input = createReadStream(file, { encoding: "utf8" });
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.trim()) yield line;
  } finally {
    rl.close();
    input.destroy();
  }
}

export function scanLog(file: string, head: HeadRead, visit?: (entry: StoredEntry) => void): Promise<LogVerdict> {
  return scanEntries(lines(file), head, visit);
}

/**
 * Checks a log's entries, oldest first, against the chain and the signed head: the file's lines,
 * or PostgreSQL's audit_log rows (pg-audit-log.ts), which hold the same text.
 */
export async function scanEntries(entries: AsyncIterable<string>, head: HeadRead, visit?: (entry: StoredEntry) => void): Promise<LogVerdict> {
  const checker = new ChainChecker();
  const signed = head.kind === "ok" ? head.head : null;
  let atHead: string | null = null;
  for await (const line of entries) {
    const value = parseLine(line);
    const chained = checker.addParsed(value);
    if (signed && chained?.seq === signed.seq) atHead = chained.hash;
    if (visit) {
      const entry = StoredEntry.safeParse(value);
      if (entry.success) visit(entry.data);
    }
  }
  const chain = checker.result();
  const problems: string[] = [];
  const messages: string[] = [];
  if (!chain.ok) {
    problems.push(`Entry ${chain.brokenAt} of ${chain.count}: ${chain.why}.`);
    messages.push(msgText("audit.problem.chain", { at: chain.brokenAt, count: chain.count, why: msgText(`audit.chain.${chain.code}`) }));
  }
  if (head.kind === "bad") {
    problems.push(`The signed record of the log's end ${head.why}.`);
    messages.push(msgText("audit.problem.head", { why: msgText(`audit.head.${head.code}`, head.values) }));
  }
  if (signed && chain.ok) {
    const last = checker.last.seq;
    if (last < signed.seq) {
      problems.push(
        `The log ends at entry ${last}, but Coplan signed it with ${signed.seq} entries: entries ${last + 1} to ${signed.seq} ` +
          "were cut off its end (or lost in a power cut before they reached the disk).",
      );
      messages.push(msgText("audit.problem.cut", { last, signed: signed.seq, from: last + 1 }));
    } else if (signed.seq > 0 && atHead !== signed.hash) {
      problems.push(`Entry ${signed.seq} is not the one Coplan signed: entries up to it were changed or cut, and the chain was made to link up again.`);
      messages.push(msgText("audit.problem.relinked", { seq: signed.seq }));
    }
  }
  return {
    ok: problems.length === 0,
    count: chain.count,
    head: signed ? "signed" : head.kind === "bad" ? "bad" : "none",
    headSeq: signed?.seq ?? 0,
    since: signed?.since ?? 0,
    problems,
    messages,
  };
}

/** The entry with this seq, looked for from the start of the file; null if there is none. */
export async function findEntry(file: string, seq: number): Promise<{ hash: string } | null> {
  for await (const line of lines(file)) {
    const entry = parseLine(line) as { seq?: unknown; hash?: unknown } | undefined;
    if (entry?.seq === seq && typeof entry.hash === "string") return { hash: entry.hash };
  }
  return null;
}
