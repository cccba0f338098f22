/**
 * The write-ahead journal that makes a save durable with one fdatasync shared by every save that
 * lands at the same moment (group commit). Writing each plan's own file durably (temp file,
 * fsync, rename, fsync of the folder) costs two fsyncs and four more trips to libuv's thread pool
 * per save; on this kind of machine that alone held a server to a few hundred answers a second.
 *
 * A save appends one line, `<checksum> <plan id> <plan file text>`, and is acknowledged once that
 * line is on disk. The plan files are brought up to date at a checkpoint, a segment at a time:
 * the journal moves on to a new segment, the store writes every plan saved since the last
 * checkpoint to its file durably (temp file, fsync, rename, then one fsync of the folder), and
 * only then is the old segment deleted. A plan saved many times between two checkpoints is
 * written once. Start-up replays what segments remain (see LowdbPlanStore.replay), so a crash at
 * any moment loses nothing that was acknowledged.
 *
 * Group commit, off the event loop: at the end of the turn in which the first save arrives, its
 * lines go to the disk in one write on libuv's thread pool, the segment open with O_DSYNC, so the
 * write returns only once the lines are durable (one trip to the thread pool, not a write and then
 * an fdatasync). Saves that arrive while that write is under way wait together, and go in the
 * next write, all at once, as soon as it returns. The event loop never waits for the disk: until
 * 2026-12 the journal wrote and fdatasync'd in place, which stopped every other request for the
 * length of the sync (a few per cent of the loop's time under load, and every request of that
 * turn waited for it; on a slow disk, tens of milliseconds each time).
 *
 * Only the end of the last segment can be torn (a write cut short by the crash): such a line was
 * never acknowledged and is dropped. A bad line followed by good ones is damage, and stops
 * start-up like a damaged plan file.
 */
import { createHash } from "node:crypto";
import { constants, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { type FileHandle, open, unlink } from "node:fs/promises";
import { join } from "node:path";
import { turnEnd } from "../turn-end.ts";
import { CorruptFileError, DIR_MODE, FILE_MODE, syncDir } from "./durable-file.ts";

export interface JournalRecord {
  id: string;
  /** The plan file's text exactly as written (encrypted when a key is set). */
  text: string;
}

/** A record to journal: the plan file's text as UTF-8 bytes, made once and written as they are. */
export interface JournalEntry {
  id: string;
  bytes: Buffer;
}

const SEGMENT = /^(\d{8})\.log$/;
const NEWLINE = Buffer.from("\n");

function checksum(id: string, text: string | Buffer): string {
  return createHash("sha256").update(id).update(" ").update(text).digest("hex").slice(0, 16);
}

/**
 * One record's line, as the pieces to write: the checksum and id, the text, a newline. JSON (and
 * the encrypted envelope, itself JSON) never holds a raw newline, so one line is one record.
 */
function lineOf(r: JournalEntry): Buffer[] {
  return [Buffer.from(`${checksum(r.id, r.bytes)} ${r.id} `), r.bytes, NEWLINE];
}

/** The records of one segment, in order; a torn last line is dropped, damage anywhere else throws. */
export function readSegment(file: string): JournalRecord[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const records: JournalRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const [sum, id] = line.split(" ", 2);
    const text = line.slice((sum?.length ?? 0) + (id?.length ?? 0) + 2);
    if (sum && id && checksum(id, text) === sum) {
      records.push({ id, text });
      continue;
    }
    const rest = lines.slice(i + 1).some((l) => l !== "");
    if (rest) throw new CorruptFileError(file, new Error(`line ${i + 1} of the journal is damaged and records follow it`));
  }
  return records;
}

/** Segments left by an earlier run, oldest first. */
export function segmentsIn(dir: string): string[] {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  return readdirSync(dir)
    .filter((n) => SEGMENT.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Makes `bytes` durable at the end of the segment: resolves only once they would survive a power
 * cut. Tests give a disk of their own to hold a sync under way.
 */
export type JournalAppend = (handle: FileHandle, bytes: Buffer) => Promise<void>;

/**
 * O_DSYNC makes each write durable before it returns, as a write followed by fdatasync would,
 * in one system call. Where the platform has no O_DSYNC (Windows), an explicit datasync follows.
 */
const DSYNC = constants.O_DSYNC ?? 0;
const SEGMENT_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | DSYNC;

/** The lines written in full (a write may take fewer bytes than asked) and durable. */
export const appendDurably: JournalAppend = async (handle, bytes) => {
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
  if (!DSYNC) await handle.datasync();
};

interface Pending {
  line: Buffer[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Segment {
  file: string;
  handle: Promise<FileHandle>;
  bytes: number;
  /** Saves counted in this segment that have not finished (their line written, their `then` run). */
  saving: Set<Promise<unknown>>;
}

export class Journal {
  private segment: Segment;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private checkpointing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  /**
   * `next` is the number of the first segment this run writes (after those already replayed).
   * `writeFiles` makes every plan saved so far durable in its own file (the checkpoint's work).
   * A checkpoint runs `checkpointMs` after a segment's first save, or once it holds `maxBytes`.
   */
  constructor(
    private readonly dir: string,
    private next: number,
    private readonly writeFiles: () => Promise<void>,
    private readonly options: { checkpointMs: number; maxBytes: number; append?: JournalAppend } = { checkpointMs: 1000, maxBytes: 16 * 1024 * 1024 },
  ) {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    this.segment = this.openSegment();
  }

  private openSegment(): Segment {
    const file = join(this.dir, `${String(this.next++).padStart(8, "0")}.log`);
    // The new segment's name must be on disk too before a line in it counts as saved.
    const handle = open(file, SEGMENT_FLAGS, FILE_MODE).then(async (fh) => {
      await syncDir(this.dir);
      return fh;
    });
    handle.catch(() => {}); // a failure surfaces in the saves that wait for it
    return { file, handle, bytes: 0, saving: new Set() };
  }

  /**
   * Journals one save; once its line is on disk, runs `then` (the store takes the new version as
   * saved, for the next checkpoint to write to its file) and resolves.
   */
  async save(record: JournalEntry, then: () => void): Promise<void> {
    const segment = this.segment;
    const line = lineOf(record);
    const saved = new Promise<void>((resolve, reject) => this.pending.push({ line, resolve, reject })).then(then);
    segment.saving.add(saved);
    segment.bytes += line[0].length + line[1].length + 1;
    this.flushing ??= this.flush();
    try {
      await saved;
    } finally {
      segment.saving.delete(saved);
      this.schedule(segment);
    }
  }

  /**
   * From the end of this turn of the event loop: every line waiting goes in one durable write; the
   * lines that arrived meanwhile go in the next, until none are left.
   */
  private async flush(): Promise<void> {
    await turnEnd();
    const append = this.options.append ?? appendDurably;
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      const segment = this.segment;
      try {
        await append(await segment.handle, Buffer.concat(batch.flatMap((p) => p.line)));
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = null;
  }

  private schedule(segment: Segment): void {
    if (segment !== this.segment) return;
    // A failed checkpoint is retried by the next one; its segment stays for start-up meanwhile.
    if (segment.bytes >= this.options.maxBytes) return void this.checkpoint().catch(() => {});
    if (this.timer) return;
    this.timer = setTimeout(() => void this.checkpoint().catch(() => {}), this.options.checkpointMs);
    this.timer.unref();
  }

  /**
   * Starts a new segment for the saves to come, then makes the old one redundant: once every save
   * counted in it has finished, the plan files are written durably, and only then is the segment
   * deleted. Until then a crash replays it, so nothing is lost either way.
   */
  checkpoint(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const old = this.segment;
    if (old.bytes === 0) return this.checkpointing;
    this.segment = this.openSegment();
    const saving = [...old.saving];
    // A failed checkpoint leaves its segment for start-up to replay, and does not stop the next one.
    this.checkpointing = this.checkpointing.catch(() => {}).then(async () => {
      await Promise.allSettled(saving);
      await this.writeFiles();
      await (await old.handle).close();
      await unlink(old.file);
    });
    return this.checkpointing;
  }

  /** On shutdown: everything journalled is checkpointed, so the next start has nothing to replay. */
  async close(): Promise<void> {
    await this.checkpoint();
    const last = this.segment;
    await (await last.handle).close();
    await unlink(last.file).catch(() => {});
  }
}
