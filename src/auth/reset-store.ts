/**
 * Where reset links are kept. `ResetLinks` is what the app uses; deps.ts chooses the store: this
 * file's ResetStore (files in the data folder), or the `reset_links` table (pg-reset-links.ts).
 *
 * Reset links on disk: one small file per link in the data folder's password-resets/ folder, named
 * by the token's hash, holding whose link it is and until when (mode 0600, like every Coplan file).
 *
 * Nothing is cached: `npm run user:reset` may add a link while the server runs, and the server
 * reads the file when the link is used. A link is spent by renaming its file, which the file
 * system does for exactly one of several callers at once, so two parallel uses set one password.
 */
import type { AuditInput } from "../audit/chain.ts";
import { mkdir, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { DIR_MODE, writeDurably } from "../store/durable-file.ts";
import { isLive, newResetRecord, newResetToken, type ResetRecord, ResetRecordSchema, resetKey } from "./password-reset.ts";

export interface ResetClaim {
  spend(): Promise<void>;
  giveBack(): Promise<void>;
}

export interface ResetLinks {
  /** A new link for this account; any earlier one of the account stops working, and expired links are cleared away. */
  issue(userId: string, issuedBy: string, now: Date, auditPending?: boolean): Promise<{ token: string; expiresAt: string }>;
  /** The link's record while it works: null if it never existed, was used, or its hour has passed. */
  find(token: string, now: Date): Promise<ResetRecord | null>;
  /** Takes the link for one caller: null if another took it first (or it is gone). */
  claim(token: string): Promise<ResetClaim | null>;
  /** Only beside the audit log (PostgreSQL): a link issued with its audit entry in one transaction. */
  readonly audited?: AuditedResetLinks;
}

export interface AuditedResetLinks {
  issue(userId: string, issuedBy: string, now: Date, entry: AuditInput): Promise<{ token: string; expiresAt: string }>;
}

const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

export class ResetStore implements ResetLinks {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "password-resets");
  }

  private async read(file: string): Promise<ResetRecord | null> {
    try {
      return ResetRecordSchema.parse(JSON.parse(await readFile(join(this.dir, file), "utf8")));
    } catch (err) {
      if (gone(err)) return null;
      if (err instanceof SyntaxError || (err as Error).name === "ZodError") return null; // a torn or foreign file is no link
      throw err;
    }
  }

  /**
   * A new link for this account; any earlier one of the account stops working (the newest link is
   * the one the person was given), and links past their hour are cleared away.
   */
  async issue(userId: string, issuedBy: string, now: Date, auditPending = false): Promise<{ token: string; expiresAt: string }> {
    await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    for (const file of await readdir(this.dir)) {
      if (!/^[0-9a-f]{64}\.(json|claimed)$/.test(file)) continue;
      const record = await this.read(file);
      if (!record || record.userId === userId || !isLive(record, now)) await unlink(join(this.dir, file)).catch((err) => (gone(err) ? undefined : Promise.reject(err)));
    }
    const token = newResetToken();
    const record = newResetRecord(userId, issuedBy, now, auditPending);
    await writeDurably(join(this.dir, `${resetKey(token)}.json`), JSON.stringify(record));
    return { token, expiresAt: record.expiresAt };
  }

  /** The link's record while it works: null if it never existed, was used, or its hour has passed. */
  async find(token: string, now: Date): Promise<ResetRecord | null> {
    const key = resetKey(token);
    if (!key) return null;
    const record = await this.read(`${key}.json`);
    return record && isLive(record, now) ? record : null;
  }

  /**
   * Takes the link for one caller: null if another took it first (or it is gone). The taker then
   * either spends it, once the new password is saved, or gives it back if saving failed.
   */
  async claim(token: string): Promise<ResetClaim | null> {
    const key = resetKey(token);
    if (!key) return null;
    const live = join(this.dir, `${key}.json`);
    const taken = join(this.dir, `${key}.claimed`);
    try {
      await rename(live, taken);
    } catch (err) {
      if (gone(err)) return null;
      throw err;
    }
    return {
      spend: () => unlink(taken).catch((err) => (gone(err) ? undefined : Promise.reject(err))),
      giveBack: () => rename(taken, live),
    };
  }
}

