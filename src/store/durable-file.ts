/**
 * A lowdb adapter that is durable, not just atomic. steno (lowdb's default writer) renames a temp
 * file into place but never fsyncs, so after a power cut an acknowledged save can vanish or a file
 * can come back empty. Here a write is: temp file, fsync it, rename over the target, fsync the
 * directory (so the rename itself survives). Only then does `write` resolve.
 */
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
    try {
      let raw: unknown = JSON.parse(text);
      if (isEncrypted(raw)) raw = JSON.parse(decrypt(raw, this.key));
      return this.parse(raw);
    } catch (err) {
      throw new CorruptFileError(this.file, err);
    }
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    await writeDurably(this.file, this.key ? encrypt(text, this.key) : text);
  }
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
  await syncDir(dir);
}

export async function syncDir(dir: string): Promise<void> {
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
