/**
 * An embedded store's data folder, read for `npm run store:migrate` without changing one byte of
 * it: no lock taken, no journal replayed onto the plan files, no signing key made, no index saved.
 * LowdbPlanStore.init() does all of those, so it is not used here; this reads what it would read,
 * checks what it would check, and refuses what it would refuse (a damaged, misplaced or rolled-back
 * plan file; a damaged journal), naming the file.
 *
 * A journal left by a crash or a kill (its saves were acknowledged, their plan files not yet
 * written) is replayed in memory only: each plan's last journalled version is taken where its file
 * is missing, damaged or older, exactly as start-up's replay would write it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type ResetRecord, ResetRecordSchema } from "../auth/password-reset.ts";
import { type User, UserSchema } from "../auth/users.ts";
import { keyFile, parsePrivateKey, type Signer, signerFrom } from "../signing/keys.ts";
import { legacySealsFile, readManifest } from "../signing/legacy-seals.ts";
import { DurableJsonFile } from "./durable-file.ts";
import { isEncrypted } from "./encryption.ts";
import { CorruptFileError, MisplacedFileError, RolledBackFileError } from "./file-errors.ts";
import { readSegment } from "./journal.ts";
import { folderHolder } from "./lock.ts";
import { isPlanId, type StoredPlan, StoredPlanSchema } from "./plan-store.ts";
import { SavedIndex } from "./saved-index.ts";

/** A problem the person running the command can put right: said in words, without a stack. */
export class SourceError extends Error {}

export interface EmbeddedSource {
  dataDir: string;
  /** Every plan's id, in id order. */
  planIds: string[];
  /**
   * One plan as the store would serve it, read afresh each time, so a large store is never held
   * whole: from its file, or from the journal where start-up's replay would take it from there (a
   * crash or kill left its last save there). Throws what the store would refuse.
   */
  readPlan(id: string): { plan: StoredPlan; fromJournal: boolean };
  /** In the order users.json holds them (the order they were added). */
  users: User[];
  /** Password-reset links not yet used: the file's name is the token's SHA-256. */
  resetLinks: { tokenHash: string; record: ResetRecord }[];
  /** The audit log (it may not exist: a store that never recorded anything). */
  auditFile: string;
  /** The signed head's JSON as audit-head.json holds it, without its padding; null if none. */
  headText: string | null;
  /** The installation's key, with its signed list of old seals: what seals and the head are checked with. */
  signer: Signer;
}

export interface SourceOptions {
  /** COPLAN_ENCRYPTION_KEY: needed to read an encrypted store's plans. */
  encryptionKey?: Buffer;
  /** COPLAN_SIGNING_KEY, if the store ran with its key in the environment rather than in keys/. */
  signingKey?: string;
}

const UsersFileSchema = z.object({ users: z.array(UserSchema) });
/** journal.ts's segment names. */
const SEGMENT = /^\d{8}\.log$/;
const RESET_FILE = /^([0-9a-f]{64})\.json$/;

export function readEmbeddedStore(dataDir: string, options: SourceOptions = {}): EmbeddedSource {
  checkFolder(dataDir);
  const { planIds, readPlan } = readPlans(dataDir, options.encryptionKey);
  const headFile = join(dataDir, "audit-head.json");
  return {
    dataDir,
    planIds,
    readPlan,
    users: new DurableJsonFile(join(dataDir, "users.json"), (raw) => UsersFileSchema.parse(raw)).readSync()?.users ?? [],
    resetLinks: readResetLinks(dataDir),
    auditFile: join(dataDir, "audit.log"),
    headText: existsSync(headFile) ? readFileSync(headFile, "utf8").trim() || null : null,
    signer: readSigner(dataDir, options.signingKey),
  };
}

function checkFolder(dataDir: string): void {
  const st = statSync(dataDir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) {
    throw new SourceError(`There is no folder ${dataDir}. Give --from the data folder Coplan ran with (its COPLAN_DATA_DIR; data/store by default).`);
  }
  if (!existsSync(join(dataDir, "plans")) && !existsSync(join(dataDir, "users.json"))) {
    throw new SourceError(`${dataDir} is not a Coplan data folder: it holds neither a plans folder nor users.json. Give --from the folder Coplan ran with (its COPLAN_DATA_DIR).`);
  }
  const pid = folderHolder(dataDir);
  // A store in use changes while it is read: its copy could be half of one save and half of another.
  if (pid) throw new SourceError(`Coplan (process ${pid}) is running on ${dataDir}. Stop it first, then copy the store.`);
}

function readPlans(dataDir: string, key: Buffer | undefined): Pick<EmbeddedSource, "planIds" | "readPlan"> {
  const dir = join(dataDir, "plans");
  const file = (id: string) => join(dir, `${id}.json`);
  // As the store reads a plan file: bound to its name's id and its revision when encrypted.
  const codec = (id: string) =>
    new DurableJsonFile<StoredPlan>(file(id), (raw) => StoredPlanSchema.parse(raw), { key, bind: (plan) => ({ kind: "plan", id, rev: plan.rev }) });

  const journalled = new Map<string, { text: string; segment: string }>();
  const journalDir = join(dataDir, "journal");
  const segments = existsSync(journalDir) ? readdirSync(journalDir).filter((n) => SEGMENT.test(n)).sort() : [];
  for (const name of segments) {
    const segment = join(journalDir, name);
    for (const r of readSegment(segment)) journalled.set(r.id, { text: r.text, segment });
  }

  const ids = new Set<string>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (!name.endsWith(".json")) continue; // temp files (.tmp) are writes that never reached their rename
    const id = name.slice(0, -5);
    if (!isPlanId(id)) throw new CorruptFileError(join(dir, name), new Error("its name is not a plan id"));
    ids.add(id);
  }
  for (const [id, { segment }] of journalled) {
    if (!isPlanId(id)) throw new CorruptFileError(segment, new Error(`it names a plan id that cannot exist: ${JSON.stringify(id)}`));
    ids.add(id);
  }

  // Each plan's last saved revision as the store recorded it: a file older than that was put back.
  const revs = new SavedIndex(dataDir, "", key).load().revs;
  const readPlan = (id: string): { plan: StoredPlan; fromJournal: boolean } => {
    let plan: StoredPlan | null = null;
    let fromJournal = false;
    let damage: unknown = null;
    try {
      const text = readIfThere(file(id));
      plan = text === null ? null : decode(codec(id), text, file(id), key);
    } catch (err) {
      if (!(err instanceof CorruptFileError)) throw err;
      damage = err;
    }
    const last = journalled.get(id);
    if (last) {
      const saved = decode(codec(id), last.text, last.segment, key);
      if (saved.id !== id) throw new MisplacedFileError(last.segment, id, saved.id);
      // Start-up's replay writes the journalled version where the file is missing, damaged, another plan's or older.
      if (!plan || plan.id !== id || plan.rev < saved.rev) {
        plan = saved;
        fromJournal = true;
      }
    } else if (damage) {
      throw damage;
    }
    if (!plan) throw new SourceError(`${file(id)} went away while the store was being read: is Coplan running on the folder?`);
    if (plan.id !== id) throw new MisplacedFileError(file(id), id, plan.id);
    const latest = revs.get(id);
    if (latest !== undefined && plan.rev < latest) throw new RolledBackFileError(file(id), id, plan.rev, latest);
    return { plan, fromJournal };
  };
  return { planIds: [...ids].sort(), readPlan };
}

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * A plan's text to the plan, as the store decodes it. An encrypted store read without its key
 * is the usual mistake here, not damage: said as such, rather than as the store's advice to
 * restore the file from a backup.
 */
function decode(codec: DurableJsonFile<StoredPlan>, text: string, source: string, key: Buffer | undefined): StoredPlan {
  try {
    return codec.decode(text, source);
  } catch (err) {
    if (!key && err instanceof CorruptFileError && isEncryptedText(text)) {
      throw new SourceError(`The plans are encrypted (${source} is), and COPLAN_ENCRYPTION_KEY is not set: set it to the key this store ran with.`);
    }
    throw err;
  }
}

function isEncryptedText(text: string): boolean {
  try {
    return isEncrypted(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Links not yet used or being used (a `.claimed` file is a use in progress: never handed on). */
function readResetLinks(dataDir: string): EmbeddedSource["resetLinks"] {
  const dir = join(dataDir, "password-resets");
  const links: EmbeddedSource["resetLinks"] = [];
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const m = name.match(RESET_FILE);
    if (!m) continue;
    let record: ResetRecord;
    try {
      record = ResetRecordSchema.parse(JSON.parse(readFileSync(join(dir, name), "utf8")));
    } catch {
      continue; // a torn or foreign file is no link, as the running store reads it (reset-store.ts)
    }
    links.push({ tokenHash: m[1], record });
  }
  return links;
}

/**
 * The installation's key, read, never made (loadSigner would make one in the folder): from
 * COPLAN_SIGNING_KEY, else keys/ed25519.pem. With the signed list of old seals (keys/), as the
 * server loads it; a key from the environment with no list yet is one whose list the server makes
 * at its next start, so old seals are then taken as they are (labelled), not refused.
 */
function readSigner(dataDir: string, keyText: string | undefined): Signer {
  let text = keyText;
  if (!text) {
    try {
      text = readFileSync(keyFile(dataDir), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      throw new SourceError(
        `Coplan's signing key is neither in COPLAN_SIGNING_KEY nor in ${keyFile(dataDir)}. Seals and the audit log's signed head are checked with it: ` +
          "set COPLAN_SIGNING_KEY to the key this store ran with.",
      );
    }
  }
  let signer: Signer;
  try {
    signer = signerFrom(parsePrivateKey(text));
  } catch (err) {
    throw new SourceError(`${keyText ? "COPLAN_SIGNING_KEY" : keyFile(dataDir)}: ${(err as Error).message}.`);
  }
  const list = legacySealsFile(dataDir);
  const listText = existsSync(list) ? readFileSync(list, "utf8") : null;
  if (listText === null && keyText) return signer;
  return Object.freeze({ ...signer, legacySeals: readManifest(listText, signer) });
}
