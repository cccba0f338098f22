/**
 * Encrypts an existing plain store in place (`npm run store:encrypt`), for an agency that sets
 * COPLAN_ENCRYPTION_KEY after plans were saved without it: with a key set, Coplan refuses plain
 * plan files rather than read them.
 *
 * Safe to stop at any moment and run again: it holds the data folder's lock (so Coplan cannot run
 * meanwhile), each file is replaced atomically and durably (temp file, fsync, rename), and a file
 * already encrypted and bound is left as it is. Files encrypted before bindings existed are
 * rewritten bound. What the journal holds is first replayed into the plan files by the store
 * itself; at the end the store is opened with the key alone, which reads every plan once: the
 * run succeeds only if the app will read them all.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { DIR_MODE, DurableJsonFile, FILE_MODE, syncDirSync, writeDurablySync } from "./durable-file.ts";
import { isEncrypted } from "./encryption.ts";
import { MisplacedFileError } from "./file-errors.ts";
import { lockDataDir } from "./lock.ts";
import { LowdbPlanStore, type LowdbStoreOptions } from "./lowdb-store.ts";
import { isPlanId, type StoredPlan, StoredPlanSchema } from "./plan-store.ts";

export interface EncryptCounts {
  /** Plain plan files now encrypted. */
  encrypted: number;
  /** Files encrypted before bindings existed, now rewritten bound to their plan and revision. */
  upgraded: number;
  /** Files already encrypted and bound: left alone (a re-run after an interruption). */
  skipped: number;
  /** Files and folders whose permissions were wider than 0600 / 0700. */
  tightened: number;
}

type Summarize = LowdbStoreOptions["summarize"];

export async function encryptStore(dataDir: string, key: Buffer, summarize: Summarize): Promise<EncryptCounts> {
  if (!existsSync(join(dataDir, "plans"))) throw new Error(`There is no plan store in ${dataDir} (no plans folder). Check COPLAN_DATA_DIR.`);
  const unlock = lockDataDir(dataDir);
  try {
    const open = (readPlaintext: boolean) => new LowdbPlanStore({ dataDir, now: () => new Date(), summarize, encryptionKey: key, readPlaintext });
    // A plain (or unreadable) saved index names clients in the clear; it is only a cache, made again below.
    const index = join(dataDir, "plans-index.json");
    if (existsSync(index) && !encryptedJson(readFileSync(index, "utf8"))) unlinkSync(index);
    // The store replays the journal into the plan files and checks every plan (ids, revisions).
    const replaying = open(true);
    await replaying.init();
    await replaying.close();

    const counts: EncryptCounts = { encrypted: 0, upgraded: 0, skipped: 0, tightened: 0 };
    const plans = join(dataDir, "plans");
    for (const name of readdirSync(plans).sort()) {
      const id = name.slice(0, -5);
      if (!name.endsWith(".json") || !isPlanId(id)) continue;
      const file = join(plans, name);
      const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (isEncrypted(raw) && raw.bind) {
        counts.skipped++;
        continue;
      }
      // Written the way the store writes it, but each file durably at once (no journal here).
      const commit = async (f: string, text: string) => writeDurablySync(f, text);
      const bind = (plan: StoredPlan) => ({ kind: "plan", id, rev: plan.rev });
      const plain = new DurableJsonFile<StoredPlan>(file, (r) => StoredPlanSchema.parse(r), { key, bind, readPlaintext: true, commit });
      const plan = plain.readSync()!;
      if (plan.id !== id) throw new MisplacedFileError(file, id, plan.id);
      await plain.write(plan);
      if (isEncrypted(raw)) counts.upgraded++;
      else counts.encrypted++;
    }
    syncDirSync(plans);

    // Read back with the key alone, as Coplan will; this also saves the index, encrypted.
    const check = open(false);
    await check.init();
    await check.close();
    counts.tightened = tighten(dataDir);
    return counts;
  } finally {
    unlock();
  }
}

function encryptedJson(text: string): boolean {
  try {
    return isEncrypted(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Files and folders made before Coplan asked for 0600 / 0700 (under the usual umask, readable by every local account). */
function tighten(dir: string): number {
  let changed = 0;
  const visit = (path: string, isDir: boolean) => {
    const want = isDir ? DIR_MODE : FILE_MODE;
    const mode = statSync(path).mode & 0o777;
    if ((mode & ~want) !== 0) {
      chmodSync(path, mode & want); // narrowed only: never gives the owner more than it had
      changed++;
    }
    if (isDir) for (const e of readdirSync(path, { withFileTypes: true })) if (e.isDirectory() || e.isFile()) visit(join(path, e.name), e.isDirectory());
  };
  visit(dir, true);
  return changed;
}
