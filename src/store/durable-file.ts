/**
 * A lowdb adapter that is durable, not just atomic. steno (lowdb's default writer) renames a temp
 * file into place but never fsyncs, so after a power cut an acknowledged save can vanish or a file
 * can come back empty. Here a write is: temp file, fsync it, rename over the target, fsync the
 * directory (so the rename itself survives). Only then does `write` resolve.
 */
import { readFileSync, statSync } from "node:fs";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { decrypt, encrypt, isEncrypted } from "./encryption.ts";

let tmpCounter = 0;

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`The stored file ${file} cannot be read (${cause instanceof Error ? cause.message : String(cause)}). ` +
      "Coplan will not overwrite it. Restore it from a backup or move it aside, then start again.");
    this.name = "CorruptFileError";
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly parse: (raw: unknown) => T,
    /** With a key, the file is written encrypted (and an encrypted file needs it to be read). */
    private readonly key?: Buffer,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    return this.decode(text);
  }

  /** The same, blocking: for start-up, when nothing else runs and one read per file is quickest. */
  readSync(): T | null {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    return this.decode(text);
  }

  private decode(text: string): T {
    try {
      let raw: unknown = JSON.parse(text);
      if (isEncrypted(raw)) raw = JSON.parse(decrypt(raw, this.key));
      return this.parse(raw);
    } catch (err) {
      throw new CorruptFileError(this.file, err);
    }
  }

  /** The JSON (before encryption) of the last write, so a cache can keep it without encoding it again. */
  written: string | null = null;

  async write(data: T, stringify: (data: T) => string = JSON.stringify): Promise<void> {
    const text = stringify(data);
    await writeDurably(this.file, this.key ? encrypt(text, this.key) : text);
    this.written = text;
  }
}

/**
 * Which version of a file is on disk: inode, size and modification time. Every durable write
 * renames a new file into place, so a write always changes it; null if there is no file.
 */
export function fingerprint(file: string): string | null {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : null;
}

export async function writeDurably(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${++tmpCounter}.tmp`);
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(text, "utf8");
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  await dirSyncer(dir).sync();
}

/**
 * Group commit for directory fsyncs. A rename is durable once an fsync of its directory that
 * started after the rename has finished. Under load many saves rename into the same folder at
 * once: rather than each fsyncing it in turn (holding a thread-pool thread each), every caller
 * that arrives while a sync runs waits for the next one, which starts when that one ends and
 * covers them all. One save alone still gets its own sync at once.
 */
class DirSyncer {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly dir: string) {}

  sync(): Promise<void> {
    if (!this.current) return (this.current = this.run());
    // The running sync may have started before our rename: wait for the one after it.
    this.next ??= this.current
      .catch(() => {})
      .then(() => {
        this.next = null;
        return (this.current = this.run());
      });
    return this.next;
  }

  private run(): Promise<void> {
    const done: Promise<void> = syncDir(this.dir).finally(() => {
      if (this.current === done) this.current = null;
    });
    return done;
  }
}

const syncers = new Map<string, DirSyncer>();
function dirSyncer(dir: string): DirSyncer {
  let s = syncers.get(dir);
  if (!s) syncers.set(dir, (s = new DirSyncer(dir)));
  return s;
}

export async function syncDir(dir: string): Promise<void> {
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
