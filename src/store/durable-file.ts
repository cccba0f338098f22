/**
 * A lowdb adapter that is durable, not just atomic. steno (lowdb's default writer) renames a temp
 * file into place but never fsyncs, so after a power cut an acknowledged save can vanish or a file
 * can come back empty. Here a write is: temp file, fsync it, rename over the target, fsync the
 * directory (so the rename itself survives). Only then does `write` resolve. The plan store
 * passes its own `commit` instead: its journal (journal.ts) makes a save durable, and its plan
 * files are written this way later, at checkpoints.
 */
import { close, closeSync, readFile as readFileCb, fsync, fsyncSync, open as openFd, openSync, read as readFd, readFileSync, renameSync, type Stats, statSync, writeFile as writeFd, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { type Binding, decrypt, encrypt, isEncrypted } from "./encryption.ts";
import { CorruptFileError, MisplacedFileError, PlaintextFileError } from "./file-errors.ts";

export { CorruptFileError } from "./file-errors.ts";

/** Files and folders Coplan makes in the data folder: its own account's alone (case data). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

let tmpCounter = 0;
/** fs.open and fs.close on plain descriptors, promisified: cheaper than fs/promises FileHandles. */
const fdOpen = promisify(openFd);
/** fs.writeFile on a descriptor: writes all of the text (a loop over partial writes) at its position. */
const fdWriteFile = promisify(writeFd) as (fd: number, text: string | Buffer, encoding: "utf8") => Promise<void>;
const fdSync = promisify(fsync);
export const fdClose = promisify(close);
/** fs.readFile with a callback, not fs/promises: no FileHandle to make and close for each plan read. */
const fdReadFile = promisify(readFileCb) as (file: string, encoding: "utf8") => Promise<string>;
const fdRead = (fd: number, buffer: Buffer, length: number) =>
  new Promise<number>((resolve, reject) => readFd(fd, buffer, 0, length, 0, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))));

export interface DurableFileOptions<T> {
  /** With a key, the file is written encrypted, and a plain one is refused (an encrypted file needs it to be read). */
  key?: Buffer;
  /**
   * What this file must be, given its data: bound into what is written, and compared with the
   * binding of what is read, so another file's copy (or an older one) is not taken for this one.
   */
  bind?: (data: T) => Binding;
  /** Only for `npm run store:encrypt`, which encrypts them: plain files are read although a key is set. */
  readPlaintext?: boolean;
  /** How the file's text reaches the disk durably: by default its own fsyncs (the plan store journals instead). */
  commit?: (file: string, text: string) => Promise<void>;
}

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly parse: (raw: unknown) => T,
    private readonly options: DurableFileOptions<T> = {},
  ) {}

  async read(): Promise<T | null> {
    const text = await this.readText();
    return text === null ? null : this.decode(text);
  }

  /** The file's text as stored (encrypted or not), or null if there is no file. */
  async readText(): Promise<string | null> {
    try {
      return await fdReadFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  /**
   * The same, for a file a stat has just found `size` bytes long: two trips to libuv's thread pool
   * (open, and one read of size + 1 bytes), where fs.readFile takes four (open, fstat, read, close)
   * and the close is not waited for. Each trip's answer waits for a turn of the event loop, behind
   * whatever else the pool holds (a checkpoint's fsyncs), and every answer to a plan not kept in
   * memory reads its file. A file replaced since the stat is read whole all the same: a read that
   * fills the buffer is followed by a whole read.
   */
  async readTextSized(size: number): Promise<string | null> {
    let fd: number;
    try {
      fd = await fdOpen(this.file, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    let read: number;
    const buffer = Buffer.allocUnsafe(size + 1);
    try {
      read = await fdRead(fd, buffer, buffer.length);
    } finally {
      close(fd, () => {});
    }
    // Fewer bytes than asked: the end of the file (a plain file reads short only there).
    return read < buffer.length ? buffer.toString("utf8", 0, read) : this.readText();
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

  /**
   * The file's text as read (or as journalled: `source` names the journal) to its data; damage,
   * a plain file where a key is set, or a binding other than this file's is a CorruptFileError
   * naming the file.
   */
  decode(text: string, source = this.file): T {
    const { key, bind, readPlaintext } = this.options;
    try {
      let raw: unknown = JSON.parse(text);
      let bound: Binding | undefined;
      if (isEncrypted(raw)) {
        const envelope = raw;
        raw = JSON.parse(decrypt(envelope, key));
        bound = envelope.bind; // authenticated by the decryption
      } else if (key && !readPlaintext) {
        throw new PlaintextFileError(source);
      }
      const data = this.parse(raw);
      const want = bound && bind?.(data);
      if (bound && want && (bound.kind !== want.kind || bound.id !== want.id || bound.rev !== want.rev)) {
        if (bound.kind === want.kind && bound.id !== want.id) throw new MisplacedFileError(source, want.id, bound.id);
        throw new Error(`it is bound to ${JSON.stringify(bound)}, not to ${JSON.stringify(want)}`);
      }
      return data;
    } catch (err) {
      if (err instanceof CorruptFileError) throw err;
      throw new CorruptFileError(source, err);
    }
  }

  async write(data: T, stringify: (data: T) => string = JSON.stringify): Promise<void> {
    const text = stringify(data);
    const { key, bind, commit = writeDurably } = this.options;
    await commit(this.file, key ? encrypt(text, key, bind?.(data)) : text);
  }
}

/**
 * Which version of a file is on disk: inode, size and modification time. Every durable write
 * renames a new file into place, so a write always changes it; null if there is no file.
 */
export function fingerprint(file: string): string | null {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? fingerprintOf(st) : null;
}

export const fingerprintOf = (st: Stats): string => `${st.ino}:${st.size}:${st.mtimeMs}`;

const tmpName = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${++tmpCounter}.tmp`);

export async function writeDurably(file: string, text: string): Promise<void> {
  await replaceFile(file, text, true);
  await dirSyncer(dirname(file)).sync();
}

/**
 * Replaces the file atomically (temp file, rename): a reader sees the old or the new text, never
 * part of one. Without `sync` nothing is fsynced: for writes made durable another way (a journal).
 */
export async function replaceFile(file: string, text: string | Buffer, sync = false): Promise<void> {
  const tmp = tmpName(file);
  // Plain file descriptors, not fs/promises FileHandles: making and closing a FileHandle costs the
  // event loop several times more, and a busy server does this for every save.
  const fd = await fdOpen(tmp, "w", FILE_MODE);
  try {
    await fdWriteFile(fd, text, "utf8");
    if (sync) await fdSync(fd);
  } catch (err) {
    await fdClose(fd);
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await fdClose(fd);
  await rename(tmp, file);
}

/** The same as writeDurably but blocking and without the folder's fsync (the caller does it once for many): for start-up. */
export function writeDurablySync(file: string, text: string): void {
  const tmp = tmpName(file);
  const fd = openSync(tmp, "w", FILE_MODE);
  try {
    writeFileSync(fd, text, "utf8");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function syncDirSync(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
