/**
 * The embedded store: one lowdb file per plan under `<dataDir>/plans/<id>.json`, so saving one
 * answer rewrites only that plan's file, however many plans the agency holds. A small in-memory
 * index of summaries (built at start-up, updated on each save) serves the list of plans; it is
 * saved beside the plans (saved-index.ts) so that start-up reads only the plans changed since.
 * Recently used plans are kept in memory, parsed (plan-cache.ts), checked against their file: by a
 * stat on each read, or, while the OS reports changes to the folder (fs.watch), only after a change.
 * A version saved but not yet in its file is kept as the text journalled (outside the JS heap); its
 * parsed object is kept only while the cache has room for it, so the versions waiting for a
 * checkpoint under a heavy load do not hold a running machine each (see plan-cache.ts).
 * Saves are made durable by a journal shared by all plans (journal.ts), replayed at start-up.
 *
 * A plan file is refused (see file-errors.ts) if it holds another plan than its name says, or an
 * older revision than the store last saved. Encrypted, neither can be forged without the key (the
 * id and revision are bound into the encryption: encryption.ts), so this is what stops a file
 * copied over another plan's, or an older copy put back. The last saved revision is known from
 * the journal (replayed at start-up), the in-memory index while running, and the saved index
 * (saved-index.ts) at start-up. What is NOT detected: an older copy put back together with an
 * older (or no, or a plain) saved index and no journal after it, as when the whole data folder
 * is restored from a backup, deliberately or not. Anyone who can replace the whole folder can do
 * that; telling it apart would need a record kept outside the folder.
 */
import { type FSWatcher, mkdirSync, readdirSync, statSync, unlinkSync, watch } from "node:fs";
import { basename, join } from "node:path";
import { Low } from "lowdb";
import { CorruptFileError, DIR_MODE, DurableJsonFile, fingerprint, fingerprintOf, replaceFile, syncDir, syncDirSync, writeDurablySync } from "./durable-file.ts";
import { MisplacedFileError, RolledBackFileError } from "./file-errors.ts";
import { Journal, readSegment, segmentsIn } from "./journal.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import { PlanCache, PLANS_KEPT } from "./plan-cache.ts";
import type { PlanEvents } from "./plan-events.ts";
import { type IndexEntry, SavedIndex, summaryCodeKey } from "./saved-index.ts";
import {
  isPlanId,
  nextRevision,
  PlanNotFoundError,
  type PlanStore,
  type PlanSummary,
  type NewPlan,
  type StoredPlan,
  StoredPlanSchema,
} from "./plan-store.ts";

export interface LowdbStoreOptions {
  dataDir: string;
  now: () => Date;
  summarize: (plan: StoredPlan) => Omit<PlanSummary, "id" | "updatedAt" | "rev" | "ownerId">;
  /** AES-256-GCM key for plan files at rest; without one they are plain JSON. */
  encryptionKey?: Buffer;
  /** How much plan text to keep in memory (characters); the plans in conversation right now fit many times over. */
  cacheChars?: number;
  /** How many plans to keep in memory at most, whatever their size (see plan-cache.ts). */
  cachePlans?: number;
  /** Freeze the plans handed out, so code that would change one in place fails (on outside production). */
  freeze?: boolean;
  /** When the journal is checkpointed (see journal.ts); tests make it small to exercise it. */
  checkpoint?: { checkpointMs: number; maxBytes: number };
  /** Only for `npm run store:encrypt`: plain files are read although a key is set, so they can be encrypted. */
  readPlaintext?: boolean;
  /** Told of every change once it is acknowledged (plan-events.ts): this process is the only writer. */
  events?: PlanEvents;
}


/** The cache's mark for a version saved (journalled) but not yet in its file: no file fingerprint matches it. */
const journalled = (rev: number) => `journal:${rev}`;

/** Plan files a checkpoint writes at once. */
const CHECKPOINT_WRITERS = 16;

/** Saved index written at most this often while plans change (and always on close). */
const INDEX_SAVE_MS = 5 * 60_000;

export class LowdbPlanStore implements PlanStore {
  private readonly dir: string;
  private readonly journalDir: string;
  private journal: Journal | null = null;
  /**
   * Versions saved (journalled, acknowledged) but not yet written to their own file: the next
   * checkpoint writes them. Reads look here first; the file is older until then. Only the text:
   * the parsed version is in the cache (marked `journalled(rev)`) while it has room for it.
   */
  private readonly unwritten = new Map<string, { rev: number; bytes: Buffer }>();
  private readonly mutex = new KeyedMutex();
  private readonly index = new Map<string, PlanSummary>();
  /** The fingerprint of the file each summary was made from, for the saved index. */
  private readonly fingerprints = new Map<string, string>();
  private readonly cache: PlanCache;
  private readonly savedIndex: SavedIndex;
  private ready: Promise<void> | null = null;
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /**
   * While the plans folder is watched: the plans whose cached copy was checked against their file
   * (one stat) since the OS last reported a change to it. Their reads need no stat: any change to
   * the file after that check, a hand edit included, is reported and drops the plan from here
   * before the next read that runs after the report. Null where watching is not possible: every
   * read then stats its file.
   */
  private checked: Set<string> | null = null;
  private watcher: FSWatcher | null = null;

  constructor(private readonly options: LowdbStoreOptions) {
    this.dir = join(options.dataDir, "plans");
    this.journalDir = join(options.dataDir, "journal");
    this.cache = new PlanCache(options.cacheChars ?? 1_500_000, options.freeze ?? true, options.cachePlans ?? PLANS_KEPT);
    const key = summaryCodeKey(options.summarize, LowdbPlanStore.prototype.remember);
    this.savedIndex = new SavedIndex(options.dataDir, key, options.encryptionKey, options.readPlaintext);
  }

  init(): Promise<void> {
    this.ready ??= Promise.resolve().then(() => this.scan());
    return this.ready;
  }

  /**
   * Builds the index: from the saved index for every plan whose file is unchanged since, and by
   * reading (and parsing: a damaged file stops start-up) every other plan. Blocking I/O on
   * purpose: nothing else runs yet, and one call per file is several times quicker.
   */
  private scan(): void {
    mkdirSync(this.dir, { recursive: true, mode: DIR_MODE });
    this.watchFiles();
    const { entries: saved, revs } = this.savedIndex.load();
    const next = this.replay();
    this.journal = new Journal(this.journalDir, next, () => this.writeFiles(), this.options.checkpoint);
    const names = readdirSync(this.dir);
    // Temp files are writes that never reached their rename: the acknowledged copy is the target.
    for (const n of names) if (n.endsWith(".tmp")) unlinkSync(join(this.dir, n));
    let read = 0;
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const id = name.slice(0, -5);
      const fp = fingerprint(this.file(id));
      const entry = saved.get(id);
      if (fp && entry?.fp === fp) {
        this.index.set(id, entry.summary);
        this.fingerprints.set(id, fp);
        continue;
      }
      const plan = this.db(id).readSync();
      if (plan && fp) this.remember(this.verified(id, plan, revs.get(id)), fp);
      read++;
    }
    // Save the index right after start-up: a crash soon after then costs no second read of these plans.
    if (read > 0 || saved.size !== this.index.size) this.changed(1000);
  }

  /**
   * What a crash left in the journal: each plan's last journalled version is written again where
   * its file is older or damaged (after a power cut), durably; then the segments go. Returns the
   * number for this run's first segment.
   */
  private replay(): number {
    const segments = segmentsIn(this.journalDir);
    if (segments.length === 0) return 1;
    const last = new Map<string, { text: string; segment: string }>();
    for (const segment of segments) for (const r of readSegment(segment)) last.set(r.id, { text: r.text, segment });
    for (const [id, { text, segment }] of last) {
      if (!isPlanId(id)) throw new CorruptFileError(segment, new Error(`it names a plan id that cannot exist: ${JSON.stringify(id)}`));
      const journalled = this.db(id).decode(text, segment);
      if (journalled.id !== id) throw new MisplacedFileError(segment, id, journalled.id);
      let onDisk: StoredPlan | null = null;
      try {
        onDisk = this.db(id).readSync();
      } catch (err) {
        // Damaged, plain, or another plan's: the journal holds this plan's acknowledged version.
        if (!(err instanceof CorruptFileError)) throw err;
      }
      if (onDisk?.id !== id) onDisk = null;
      if (!onDisk || onDisk.rev < journalled.rev) writeDurablySync(this.file(id), text);
    }
    syncDirSync(this.dir);
    for (const segment of segments) unlinkSync(segment);
    syncDirSync(this.journalDir);
    return Number(segments[segments.length - 1].match(/(\d+)\.log$/)![1]) + 1;
  }

  /** Starts watching the plans folder; where the OS cannot, reads go on checking by stat. */
  private watchFiles(): void {
    const stopWatching = () => {
      this.watcher?.close();
      this.watcher = null;
      this.checked = null;
    };
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (!this.checked) return;
        const file = typeof name === "string" ? name : null;
        if (file?.endsWith(".json")) this.checked.delete(file.slice(0, -5));
        else if (!file) this.checked.clear(); // the OS did not say which file: check them all again
        // The folder itself was moved or removed (its own name is reported): the watch stays on the
        // old folder and would miss the new one's changes, so every read checks its file from now on.
        else if (file === basename(this.dir)) stopWatching();
      });
      this.watcher.on("error", stopWatching);
      this.checked = new Set();
    } catch {
      stopWatching();
    }
  }

  /** Something the saved index does not know yet: save it within `delay` ms, once. */
  private changed(delay = INDEX_SAVE_MS): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveIndex().catch(() => {}); // only a cache: the next start-up reads the plans instead
    }, delay);
    this.timer.unref();
  }

  private saveIndex(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const entries = new Map<string, IndexEntry>();
      for (const [id, summary] of this.index) entries.set(id, { fp: this.fingerprints.get(id)!, summary });
      try {
        await this.savedIndex.save(entries);
      } catch (err) {
        this.dirty = true;
        throw err;
      }
    });
    return this.saving;
  }

  /** Saves the index (so the next start-up is quick) and stops the timer. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.ready) await this.ready.catch(() => {});
    this.watcher?.close();
    this.watcher = null;
    this.checked = null;
    await this.journal?.close();
    await this.saveIndex();
  }

  private file(id: string): string {
    // Ids reach here from URLs: only the strict shape may become a path, so "../" never does.
    if (!isPlanId(id)) throw new PlanNotFoundError(id);
    return join(this.dir, `${id}.json`);
  }

  private db(id: string, commit?: (file: string, text: string) => Promise<void>) {
    const { encryptionKey: key, readPlaintext } = this.options;
    const bind = (plan: StoredPlan) => ({ kind: "plan", id, rev: plan.rev });
    return new DurableJsonFile<StoredPlan>(this.file(id), (raw) => StoredPlanSchema.parse(raw), { key, bind, readPlaintext, commit });
  }

  /**
   * The plan read from `id`'s file, if it is that plan at no older a revision than `latest`, the
   * last one saved as far as the store knows (see the top of this file for what that covers).
   */
  private verified(id: string, plan: StoredPlan, latest: number | undefined): StoredPlan {
    if (plan.id !== id) throw new MisplacedFileError(this.file(id), id, plan.id);
    if (latest !== undefined && plan.rev < latest) throw new RolledBackFileError(this.file(id), id, plan.rev, latest);
    return plan;
  }

  private remember(plan: StoredPlan, fp: string): void {
    this.fingerprints.set(plan.id, fp);
    this.index.set(plan.id, {
      ...this.options.summarize(plan),
      id: plan.id,
      updatedAt: plan.updatedAt,
      rev: plan.rev,
      ownerId: plan.ownerId,
      practice: !!plan.practice,
    });
  }

  async create(plan: NewPlan): Promise<StoredPlan> {
    await this.init();
    const at = this.options.now().toISOString();
    const doc = StoredPlanSchema.parse({ ...plan, rev: 1, createdAt: at, updatedAt: at });
    const saved = await this.mutex.run(doc.id, async () => {
      await this.writeThrough(doc.id, doc);
      return doc;
    });
    this.options.events?.emitPlanChanged(saved.id, saved.rev);
    return saved;
  }

  /**
   * One save, through lowdb: its text goes to the journal, and once that is on disk the version is
   * the plan's (summary, reads), waiting for the next checkpoint to reach its own file.
   */
  private async writeThrough(id: string, plan: StoredPlan): Promise<void> {
    const journal = this.journal!;
    const commit = (_file: string, text: string) => {
      // Encoded once, for the journal and the checkpoint both, and held outside the JS heap meanwhile.
      const bytes = Buffer.from(text, "utf8");
      return journal.save({ id, bytes }, () => {
        this.unwritten.set(id, { rev: plan.rev, bytes });
        this.cache.set(id, journalled(plan.rev), plan, bytes.length);
        this.remember(plan, ""); // no file matches it yet, so the saved index will not trust it
        this.changed();
      });
    };
    await new Low(this.db(id, commit), plan).write();
  }

  /**
   * The checkpoint's work: every version saved since the last one goes to its own file durably
   * (temp file, fsync, rename), then one fsync of the folder makes the renames durable too.
   *
   * Several files at a time: each takes five trips to libuv's thread pool, and on a busy server
   * each trip's answer waits for a turn of the event loop. One file after another, a checkpoint
   * wrote a few dozen plans a second under the bench's answers while they changed about 350: the
   * journal and the versions held for it (in `unwritten`) grew for as long as the load lasted.
   */
  private async writeFiles(): Promise<void> {
    const batch = [...this.unwritten];
    let next = 0;
    const writer = async () => {
      while (next < batch.length) {
        const [id, entry] = batch[next++];
        const file = this.file(id);
        await replaceFile(file, entry.bytes, true);
        const fp = fingerprint(file);
        // A save that came in meanwhile stays for the next checkpoint; its line is in the new segment.
        if (fp && this.unwritten.get(id) === entry) {
          this.unwritten.delete(id);
          this.fingerprints.set(id, fp);
          this.cache.refresh(id, journalled(entry.rev), fp);
        }
      }
    };
    // A failed write fails the checkpoint (its segment stays for start-up), once the others stop.
    const results = await Promise.allSettled(Array.from({ length: Math.min(CHECKPOINT_WRITERS, batch.length) }, writer));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    if (batch.length) await syncDir(this.dir);
  }

  /** Brings every plan file up to date now (tests, and tools that read the files while Coplan runs). */
  async checkpoint(): Promise<void> {
    await this.init();
    await this.journal!.checkpoint();
  }

  async get(id: string): Promise<StoredPlan | null> {
    await this.init();
    if (!isPlanId(id)) return null;
    return this.read(id);
  }

  /**
   * The plan as last saved: a version not yet checkpointed to its file from memory (the cache, or
   * its journalled text); otherwise as its file holds it now, from the cache if the file is the one
   * cached, else read. The fingerprint
   * is taken before reading, so a write in between can only cause a miss later, never a stale hit.
   * A plan checked since the folder last changed (see `checked`) comes from the cache unchecked.
   */
  private async read(id: string): Promise<StoredPlan | null> {
    const unwritten = this.unwritten.get(id);
    if (unwritten) {
      const fp = journalled(unwritten.rev);
      return this.cache.get(id, fp) ?? this.cache.set(id, fp, this.db(id).decode(unwritten.bytes.toString("utf8")), unwritten.bytes.length);
    }
    if (this.checked?.has(id)) {
      const known = this.cache.peek(id);
      if (known) return known;
    }
    const st = statSync(this.file(id), { throwIfNoEntry: false });
    if (!st) return null;
    const fp = fingerprintOf(st);
    const cached = this.cache.get(id, fp);
    if (cached) {
      this.checked?.add(id);
      return cached;
    }
    const file = this.db(id);
    const text = await file.readTextSized(st.size);
    if (text === null) return null;
    const plan = this.cache.set(id, fp, this.verified(id, file.decode(text), this.index.get(id)?.rev), text.length);
    this.checked?.add(id);
    return plan;
  }

  async update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan> {
    await this.init();
    const saved = await this.mutex.run(id, async () => {
      const current = await this.read(id);
      if (!current) throw new PlanNotFoundError(id);
      const next = nextRevision(current, expectedRev, change, this.options.now());
      await this.writeThrough(id, next);
      return next;
    });
    this.options.events?.emitPlanChanged(id, saved.rev);
    return saved;
  }

  async accessInfo(id: string): Promise<{ ownerId?: string; practice: boolean } | null> {
    await this.init();
    const summary = this.index.get(id);
    return summary ? { ownerId: summary.ownerId, practice: !!summary.practice } : null;
  }

  async list(): Promise<PlanSummary[]> {
    await this.init();
    return [...this.index.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
}

