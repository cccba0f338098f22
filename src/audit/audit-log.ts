/**
 * The audit log: who did what to which record, when (UTC) and from where. One JSON line per entry,
 * appended in order, each carrying the SHA-256 of the one before it, so an edited, removed or
 * reordered entry breaks the chain and `verify()` says where. It never holds client words,
 * passwords or tokens: only ids, actions and outcomes.
 */
import { close, openSync, writeFileSync } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { canonicalJson, sha256Hex } from "../signing/canonical.ts";
import { fdClose } from "../store/durable-file.ts";
import { turnEnd } from "../turn-end.ts";

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in-failed",
  "sign-in-throttled",
  "sign-out",
  "set-up-admin",
  "user-added",
  "user-disabled",
  "user-enabled",
  "plan-list",
  "plan-created",
  "plan-viewed",
  "plan-changed",
  "plan-consent",
  "plan-signed",
  "plan-exported",
  "plan-reassigned",
  "plan-commented",
  "review-link-created",
  "review-link-revoked",
  "review-link-used",
  "review-link-refused",
  "access-refused",
  "audit-viewed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actor: string; // a user id, "anonymous", or "client-link"
  action: AuditAction;
  record?: string; // a plan id or user id
  detail?: string; // a step name, an event type, a route: never free text from a user
  ip: string;
  outcome?: "ok" | "refused";
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prev: string;
  hash: string;
}

const GENESIS = "0".repeat(64);

// A plain file descriptor, written in place: the lines of a batch are a few hundred bytes for the
// OS's cache, quicker written than handed to libuv's thread pool, whose answer a busy server takes
// up only a turn of the event loop or more later, every response waiting for it. writeFileSync
// on a descriptor writes all of the text, however many writes that takes, at the end of the file
// (it is opened O_APPEND).

/** The hash of an entry as read back: the canonical JSON of every member it has, whatever they are. */
export function entryHash(entry: Omit<AuditEntry, "hash">): string {
  return sha256Hex(canonicalJson(entry));
}

const str = JSON.stringify;

/**
 * The same bytes as canonicalJson() for an entry this log makes (members in code-point order,
 * absent ones left out), written out directly: every page view is recorded, and the generic walk
 * cost more than the hash. Reading back (verifyChain) uses canonicalJson, so an entry with a member
 * added by hand still fails; tests/unit/audit-batch.test.ts checks the two agree.
 */
export function newEntryCanonical(e: Omit<AuditEntry, "hash">): string {
  return (
    `{"action":${str(e.action)},"actor":${str(e.actor)},"at":${str(e.at)}` +
    (e.detail !== undefined ? `,"detail":${str(e.detail)}` : "") +
    `,"ip":${str(e.ip)}` +
    (e.outcome !== undefined ? `,"outcome":${str(e.outcome)}` : "") +
    `,"prev":${str(e.prev)}` +
    (e.record !== undefined ? `,"record":${str(e.record)}` : "") +
    `,"seq":${str(e.seq)}}`
  );
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; why: string };

export function verifyChain(lines: string[]): ChainCheck {
  let prev = GENESIS;
  let seq = 0;
  for (let i = 0; i < lines.length; i++) {
    let entry: AuditEntry;
    try {
      entry = JSON.parse(lines[i]);
    } catch {
      return { ok: false, count: lines.length, brokenAt: i + 1, why: "an entry cannot be read" };
    }
    const { hash, ...rest } = entry;
    if (entry.seq !== seq + 1) return { ok: false, count: lines.length, brokenAt: i + 1, why: "an entry is missing or out of order" };
    if (entry.prev !== prev) return { ok: false, count: lines.length, brokenAt: i + 1, why: "an entry before this one was changed or removed" };
    if (entryHash(rest) !== hash) return { ok: false, count: lines.length, brokenAt: i + 1, why: "this entry was changed" };
    prev = hash;
    seq = entry.seq;
  }
  return { ok: true, count: lines.length };
}

/** How to settle the promise a `record()` call returned. */
interface Settle {
  resolve: (entry: AuditEntry) => void;
  reject: (err: unknown) => void;
}

export class AuditLog {
  /** One descriptor kept open for appends (O_APPEND): opening the file for every entry cost a quarter of a millisecond. */
  private fd: number | null = null;
  /** The last entry recorded, written or not; null until read from the file. */
  private state: { seq: number; prev: string } | null = null;
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

  constructor(
    readonly file: string,
    private readonly now: () => Date,
  ) {}

  private async lastState(): Promise<{ seq: number; prev: string }> {
    await mkdir(dirname(this.file), { recursive: true });
    let last = "";
    try {
      // Only the end of the file is needed to carry the chain on.
      const fh = await open(this.file, "r");
      try {
        const { size } = await fh.stat();
        const length = Math.min(size, 64 * 1024);
        const buf = Buffer.alloc(length);
        await fh.read(buf, 0, length, size - length);
        last = buf.toString("utf8").trimEnd().split("\n").pop() ?? "";
      } finally {
        await fh.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (!last) return { seq: 0, prev: GENESIS };
    const entry = JSON.parse(last) as AuditEntry;
    return { seq: entry.seq, prev: entry.hash };
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

  private takeWaiting() {
    const waiting = this.waiting;
    this.waiting = [];
    this.loading = null;
    return waiting;
  }

  private add(input: AuditInput, settle: Settle): void {
    const state = this.state!;
    const body: Omit<AuditEntry, "hash"> = {
      seq: state.seq + 1,
      at: this.now().toISOString(),
      actor: input.actor,
      action: input.action,
      ...(input.record ? { record: input.record } : {}),
      ...(input.detail ? { detail: input.detail } : {}),
      ip: input.ip,
      outcome: input.outcome ?? "ok",
      prev: state.prev,
    };
    const entry: AuditEntry = { ...body, hash: sha256Hex(newEntryCanonical(body)) };
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
    for (const p of batch) p.resolve(p.entry);
  }

  /** Appends the lines to the file, opening it the first time. */
  private appendLines(text: string): void {
    this.fd ??= openSync(this.file, "a", 0o600); // case data: readable by Coplan's own account alone
    writeFileSync(this.fd, text, "utf8");
  }

  /** On shutdown: once every entry recorded so far is written, lets the file go. */
  async close(): Promise<void> {
    await this.latest;
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await fdClose(fd);
  }

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
