/**
 * The index of plan summaries, saved beside the plans (plans-index.json) so that start-up need not
 * read and parse every plan: with 10,000 plans that alone takes seconds. Each entry carries the
 * fingerprint (inode, size, mtime) of the plan file it was made from; at start-up a plan whose
 * file no longer matches is read again, so a save the index missed (a crash, a kill) is never
 * hidden, and a damaged file that changed still stops start-up. It is only a cache: a missing,
 * unreadable or out-of-date index is ignored and every plan is read, as before it existed.
 * Delete it to make the next start-up read and check every plan file.

 *
 * Checking every file's fingerprint (one stat each) is what keeps a file changed in place, by a
 * person or a tool rather than by Coplan, from slipping past start-up's check.
 *
 * It is written after start-up, every few minutes while plans change, and on shutdown; never on
 * a save, so the cost of a save does not grow with the number of plans. Encrypted like the plans.
 *
 * It is also the store's record of each plan's last revision, against which a plan file put back
 * from an older copy is refused (lowdb-store.ts); that use survives a change of the summary code.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { DurableJsonFile } from "./durable-file.ts";
import type { PlanSummary } from "./plan-store.ts";

const FORMAT = "coplan.plan-index";

export interface IndexEntry {
  fp: string;
  summary: PlanSummary;
}

interface SavedIndexDoc {
  format: typeof FORMAT;
  key: string;
  plans: Record<string, IndexEntry>;
}

/**
 * Checked by hand rather than with zod: with 10,000 entries a schema walk costs tens of ms of
 * start-up, and any doubt only means the plans are read instead.
 */
function parseIndex(raw: unknown): SavedIndexDoc {
  const doc = raw as SavedIndexDoc;
  if (typeof doc !== "object" || doc === null || doc.format !== FORMAT || typeof doc.key !== "string" || typeof doc.plans !== "object" || doc.plans === null) {
    throw new Error("not a saved plan index");
  }
  for (const [id, entry] of Object.entries(doc.plans)) {
    if (typeof entry?.fp !== "string" || typeof entry.summary !== "object" || entry.summary === null || entry.summary.id !== id) throw new Error(`bad entry ${id}`);
  }
  return doc;
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

/** JSON with every non-ASCII character escaped: reading pure ASCII back is several times quicker. */
function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export class SavedIndex {
  private readonly file: DurableJsonFile<SavedIndexDoc>;

  constructor(
    dataDir: string,
    private readonly key: string,
    encryptionKey?: Buffer,
    readPlaintext = false,
  ) {
    const bind = () => ({ kind: "plan-index", id: "plans-index" });
    this.file = new DurableJsonFile(join(dataDir, "plans-index.json"), parseIndex, { key: encryptionKey, bind, readPlaintext });
  }

  /**
   * The saved entries, or none if there is no usable index (unreadable, or made by other summary
   * code); and each plan's revision as last saved, from any readable index.
   */
  load(): { entries: Map<string, IndexEntry>; revs: Map<string, number> } {
    try {
      const doc = this.file.readSync();
      if (doc) {
        const revs = new Map<string, number>();
        for (const [id, entry] of Object.entries(doc.plans)) if (Number.isInteger(entry.summary.rev)) revs.set(id, entry.summary.rev);
        return { entries: doc.key === this.key ? new Map(Object.entries(doc.plans)) : new Map(), revs };
      }
    } catch {
      /* unreadable: read every plan instead */
    }
    return { entries: new Map(), revs: new Map() };
  }

  async save(entries: Map<string, IndexEntry>): Promise<void> {
    await this.file.write({ format: FORMAT, key: this.key, plans: Object.fromEntries(entries) }, asciiJson);
  }
}
