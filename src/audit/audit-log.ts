/**
 * The audit log: who did what to which record, when (UTC) and from where. One JSON line per entry,
 * appended in order, each carrying the SHA-256 of the one before it (chain.ts), and after each
 * batch (at most every HEAD_EVERY_MS while batches keep coming) the chain's head (entry count and
 * last hash) is signed with the installation's key and kept beside the log (head.ts), so an edited, removed, reordered or cut-off entry shows and
 * `check()` says where. It never holds client words, passwords or tokens: only ids, actions and
 * outcomes.
 */
import { close, openSync, writeFileSync } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Signer } from "../signing/keys.ts";
import { fdClose } from "../store/durable-file.ts";
import { turnEnd } from "../turn-end.ts";
import { type AuditEntry, type AuditInput, chainEntry, GENESIS } from "./chain.ts";
import type { Audit } from "./audit.ts";
import { type AuditHead, HEAD_EVERY_MS, HeadWriter, readHead, signHead } from "./head.ts";
import { logFailure, RepeatRecorder } from "./repeats.ts";
import { resumeAgainstHead } from "./resume.ts";
import { type LogVerdict, scanLog } from "./scan.ts";

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditInput, type ChainCheck, entryHash, newEntryCanonical, verifyChain } from "./chain.ts";

// A plain file descriptor, written in place: the lines of a batch are a few hundred bytes for the
// OS's cache, quicker written than handed to libuv's thread pool, whose answer a busy server takes
// up only a turn of the event loop or more later, every response waiting for it. writeFileSync
// on a descriptor writes all of the text, however many writes that takes, at the end of the file
// (it is opened O_APPEND).

/** The chain's end as this process carries it on. */
interface ChainState {
  seq: number;
  prev: string;
}

/** How to settle the promise a `record()` call returned. */
interface Settle {
  resolve: (entry: AuditEntry) => void;
  reject: (err: unknown) => void;
}

export class AuditLog implements Audit {
  /** One descriptor kept open for appends (O_APPEND): opening the file for every entry cost a quarter of a millisecond. */
  private fd: number | null = null;
  /** The last entry recorded, written or not; null until read from the file. */
  private state: ChainState | null = null;
  /** Calls made while the state is being read, in call order; `loading` is that one read. */
  private waiting: (Settle & { input: AuditInput })[] = [];
  private loading: Promise<void> | null = null;
  /**
   * Entries for the next write, and the write in flight. All waiting lines go in one append: one
   * append per entry queued every request behind all earlier ones in libuv's busy thread pool.
   */
  private pending: (Settle & { entry: AuditEntry })[] = [];
  private writing: Promise<void> | null = null;
  /** Settles after every earlier `record()` has: batches settle in seq order. */
  private latest: Promise<unknown> = Promise.resolve();

  readonly headFile: string;
  private readonly heads: HeadWriter;
  /** The last head this process signed and wrote, or found good at start: what the log is checked against. */
  private signed: AuditHead | null = null;
  /** The last entry written that no signed head covers yet, and the timer that will sign it. */
  private unsigned: AuditEntry | null = null;
  private signTimer: NodeJS.Timeout | null = null;
  /** When this process last signed a head (performance.now()). */
  private signedAt = -Infinity;
  /** Entries up to this seq predate signed heads (an older log). */
  private since = 0;
  /**
   * Why the log on disk did not match its signed head when this process started, if it did not.
   * Then no head is written again: signing the log as it now is would hide the cut or the edit.
   */
  private headProblem: string | null = null;
  private readonly repeats: RepeatRecorder;
  /** The check of the whole log in progress, if any: the next waits for it. */
  private checking: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly now: () => Date,
    private readonly signer: Signer,
  ) {
    this.headFile = join(dirname(file), "audit-head.json");
    this.heads = new HeadWriter(this.headFile);
    this.repeats = new RepeatRecorder(now, (input) => this.record(input));
  }

  private async lastState(): Promise<ChainState> {
    await mkdir(dirname(this.file), { recursive: true });
    let tail: string[] = [];
    let wholeFile = true;
    try {
      // Only the end of the file is needed to carry the chain on, and normally to find the head's entry.
      const fh = await open(this.file, "r");
      try {
        const { size } = await fh.stat();
        const length = Math.min(size, 64 * 1024);
        const buf = Buffer.alloc(length);
        await fh.read(buf, 0, length, size - length);
        tail = buf.toString("utf8").split("\n").filter((l) => l.trim());
        wholeFile = length === size;
        if (!wholeFile) tail.shift(); // the first line may be cut by the chunk's start
      } finally {
        await fh.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const last = tail.length ? (JSON.parse(tail[tail.length - 1]) as AuditEntry) : null;
    const state = last ? { seq: last.seq, prev: last.hash } : { seq: 0, prev: GENESIS };
    await this.compareWithHead(state, tail);
    return state;
  }

  /** At start: whether the log on disk is still the one whose head was signed (resume.ts). */
  private async compareWithHead(state: ChainState, tail: string[]): Promise<void> {
    const resumed = await resumeAgainstHead(this.file, this.headFile, this.signer, state, tail);
    this.since = resumed.since;
    this.signed = resumed.ok ? resumed.signed : null;
    this.headProblem = null;
    if (!resumed.ok) this.refuseHead(resumed.why);
  }

  private refuseHead(why: string): void {
    this.headProblem = why;
    console.error(
      `The audit log ${this.file} does not match its signed head: ${why}. Coplan keeps recording, ` +
        "but will not sign the log as it now is, and its audit page reports it as broken. " +
        "To start a new log, move audit.log and audit-head.json aside (keep them as evidence).",
    );
  }

  /**
   * Appends one entry and resolves once its line is written (to the OS, not fsynced). The entry
   * takes its place in the chain at the call, so seq order is call order; lines written together
   * go out in one append.
   */
  record(input: AuditInput): Promise<AuditEntry> {
    const recorded = new Promise<AuditEntry>((resolve, reject) => {
      if (this.state) return this.add(input, { resolve, reject });
      this.waiting.push({ input, resolve, reject });
      this.loading ??= this.lastState().then(
        (state) => {
          // State and the waiting calls are taken in one step, so no later call can slip in ahead of them.
          this.state = state;
          for (const { input, ...settle } of this.takeWaiting()) this.add(input, settle);
        },
        (err) => {
          for (const waiting of this.takeWaiting()) waiting.reject(err);
        },
      );
    });
    this.latest = recorded.catch(() => {});
    return recorded;
  }

  /**
   * Records a refusal that can come in floods (failed and locked-out sign-ins, refused review
   * links): the first for this address and username (or record, without one) in a minute is
   * written now, the rest are counted and written as one entry when the minute is over (fold.ts).
   * Resolves once anything written now is.
   */
  recordRepeat(input: AuditInput, username?: string): Promise<void> {
    return this.repeats.take(input, username);
  }

  /** Writes the counts of folds whose minute is over (every open fold with `all`). */
  flushRepeats(all = false): Promise<void> {
    return this.repeats.flush(all);
  }

  private takeWaiting() {
    const waiting = this.waiting;
    this.waiting = [];
    this.loading = null;
    return waiting;
  }

  private add(input: AuditInput, settle: Settle): void {
    const state = this.state!;
    const entry = chainEntry(input, state, this.now());
    this.state = { seq: entry.seq, prev: entry.hash };
    this.pending.push({ entry, ...settle });
    this.writing ??= this.writeAll();
  }

  private async writeAll(): Promise<void> {
    // Every request finishing in this turn of the event loop joins this write.
    await turnEnd();
    const batch = this.pending;
    this.pending = [];
    this.writing = null;
    try {
      this.appendLines(batch.map((p) => `${JSON.stringify(p.entry)}\n`).join(""));
    } catch (err) {
      // Forgetting the state makes the next call read the last entry actually in the file and
      // carry on from there.
      this.state = null;
      if (this.fd !== null) close(this.fd, () => {});
      this.fd = null;
      for (const p of batch) p.reject(err);
      return;
    }
    this.unsigned = batch[batch.length - 1].entry;
    const wait = this.signedAt + HEAD_EVERY_MS - performance.now();
    if (wait <= 0) this.signPending();
    else this.signTimer ??= setTimeout(() => this.signPending(), wait).unref();
    for (const p of batch) p.resolve(p.entry);
  }

  /** Signs the head over the last entry written, if no head covers it yet. */
  private signPending(): void {
    if (this.signTimer !== null) clearTimeout(this.signTimer);
    this.signTimer = null;
    const last = this.unsigned;
    this.unsigned = null;
    if (last === null) return;
    this.signedAt = performance.now();
    this.signHead(last);
  }

  /** Appends the lines to the file, opening it the first time. */
  private appendLines(text: string): void {
    this.fd ??= openSync(this.file, "a", 0o600); // case data: readable by Coplan's own account alone
    writeFileSync(this.fd, text, "utf8");
  }

  /**
   * Signs the chain's new end: once per batch written, or per HEAD_EVERY_MS while batches keep
   * coming (an Ed25519 signature costs ~30 µs: once per entry would cost every page view that). The entries are already in the log: a head that
   * cannot be written leaves the head behind the log, which a check accepts, and the next batch
   * tries again.
   */
  private signHead(last: AuditEntry): void {
    if (this.headProblem !== null) return;
    try {
      const head = signHead(this.signer, { seq: last.seq, hash: last.hash }, this.since, this.now());
      this.heads.write(head);
      this.signed = head;
    } catch (err) {
      console.error(`Could not write the audit log's signed head: ${err}`);
    }
  }

  /**
   * Checks the whole log as a stream against its chain and its signed head, handing each entry
   * that can be read to `visit` (for the audit page), in bounded memory.
   */
  check(visit?: Parameters<typeof scanLog>[2]): Promise<LogVerdict> {
    // One check at a time: each reads the whole log, and several at once would only share the same
    // disk and cores more slowly, each holding its own stream.
    const run = this.checking.then(async () => {
      await this.latest;
      this.signPending(); // what is written is checked against a head that covers all of it
      // What this process signed is the reference; else what is on disk (nothing recorded yet since start).
      const head = this.headProblem === null && this.signed ? ({ kind: "ok", head: this.signed } as const) : readHead(this.headFile, this.signer);
      return scanLog(this.file, head, visit);
    });
    this.checking = run.catch(() => {});
    return run;
  }

  /** On shutdown: once every entry recorded so far (and every count still open) is written, lets the files go. */
  async close(): Promise<void> {
    await this.flushRepeats(true).catch(logFailure);
    await this.latest;
    this.signPending();
    this.heads.close();
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await fdClose(fd);
  }

  /** Every line of the log, read whole: for tests and tools only; the audit page streams (check()). */
  async lines(): Promise<string[]> {
    await this.latest;
    try {
      return (await readFile(this.file, "utf8")).split("\n").filter((l) => l.trim());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }
}
