/**
 * The index of plan summaries, saved beside the plans (plans-index.json) so that start-up need not
 * read and parse every plan: with 10,000 plans that alone takes seconds. Each entry carries the
 * fingerprint (inode, size, mtime) of the plan file it was made from; at start-up a plan whose
 * file no longer matches is read again, so a save the index missed (a crash, a kill) is never
 * hidden, and a damaged file that changed still stops start-up. It is only a cache: a missing,
 * unreadable or out-of-date index is ignored and every plan is read, as before it existed.
 * Delete it to make the next start-up read and check every plan file.
 *
 * When it is saved with no write under way, it also records the plans folder's own fingerprint:
 * every save creates and renames a file in that folder, which changes it, so while it is the same
 * at start-up no plan can have been saved since, and even the per-file check is skipped. (A file
 * changed in place by other means is still caught when it is read: its fingerprint no longer
 * matches the cache, and the seal check of a signed plan reads what is on disk.)
 *
 * It is written after start-up, every few minutes while plans change, and on shutdown; never on
 * a save, so the cost of a save does not grow with the number of plans. Encrypted like the plans.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DurableJsonFile } from "./durable-file.ts";
import type { PlanSummary } from "./plan-store.ts";

const FORMAT = "coplan.plan-index";

export interface IndexEntry {
  fp: string;
  summary: PlanSummary;
}

const SavedIndexSchema = z.object({
  format: z.literal(FORMAT),
  key: z.string(),
  /** The plans folder's fingerprint when the entries were taken, if no write was under way then. */
  folder: z.string().optional(),
  plans: z.record(z.string(), z.object({ fp: z.string(), summary: z.custom<PlanSummary>((s) => typeof s === "object" && s !== null) })),
});
type SavedIndexDoc = z.infer<typeof SavedIndexSchema>;

export interface Loaded {
  folder?: string;
  plans: Map<string, IndexEntry>;
}

/**
 * The plans folder's fingerprint: its inode and modification time (ns). Only on a file system
 * that keeps sub-second times: with whole seconds, two changes in one second would look alike.
 */
export function folderFingerprint(dir: string): string | undefined {
  const st = statSync(dir, { bigint: true });
  return st.mtimeNs % 1_000_000_000n === 0n ? undefined : `${st.ino}:${st.mtimeNs}`;
}

/**
 * What an index must have been made by to be used: the code that turns a plan into its summary.
 * When that code changes, summaries saved by the old code could lack or misstate a field, so the
 * index is made afresh from the plan files.
 */
export function summaryCodeKey(...code: { toString(): string }[]): string {
  return createHash("sha256")
    .update(code.map((c) => c.toString()).join("\n"))
    .digest("hex");
}

export class SavedIndex {
  private readonly file: DurableJsonFile<SavedIndexDoc>;

  constructor(
    dataDir: string,
    private readonly key: string,
    encryptionKey?: Buffer,
  ) {
    this.file = new DurableJsonFile(join(dataDir, "plans-index.json"), (raw) => SavedIndexSchema.parse(raw), encryptionKey);
  }

  /** The saved entries, or none if there is no usable index. */
  load(): Loaded {
    try {
      const doc = this.file.readSync();
      if (doc && doc.key === this.key) return { folder: doc.folder, plans: new Map(Object.entries(doc.plans)) };
    } catch {
      /* unreadable or from another key: read every plan instead */
    }
    return { plans: new Map() };
  }

  async save(entries: Map<string, IndexEntry>, folder: string | undefined): Promise<void> {
    await this.file.write({ format: FORMAT, key: this.key, folder, plans: Object.fromEntries(entries) });
    this.file.written = null; // megabytes with many plans, and nothing reads it back
  }
}
