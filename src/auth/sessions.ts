/**
 * Server-side sessions. The cookie holds a random 256-bit token; the server keeps only its hash,
 * so a leaked memory dump or log cannot be replayed. A session ends after an idle time and after
 * an absolute lifetime, on sign-out, and when the account is disabled.
 *
 * `Sessions` is what the app uses; deps.ts chooses the store. Embedded (this file's SessionStore),
 * sessions live in memory: a restart signs everyone out, which is the safe way round for case
 * data. With PostgreSQL (pg-sessions.ts) they live in the database, so a session made by one
 * process is valid on all.
 */
import { randomBytes } from "node:crypto";
import { sha256Hex } from "../signing/canonical.ts";
import type { Awaitable } from "./awaitable.ts";
import type { User } from "./users.ts";

export interface Session {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /**
   * The account, where the store read it with the session (PostgreSQL: in the same query, one
   * round trip fewer on every request); null if it no longer exists. Absent: ask the accounts.
   */
  account?: User | null;
}

export interface Sessions {
  /** A new session for this user; the cookie's token (only its hash is kept). */
  create(userId: string): Awaitable<string>;
  /** The live session for this token, touched; or null if unknown, idle too long or too old. */
  touch(token: string | undefined): Awaitable<Session | null>;
  end(token: string | undefined): Awaitable<void>;
  endAllFor(userId: string): Awaitable<void>;
}

/** A new session token: 256 random bits. */
export const newSessionToken = () => randomBytes(32).toString("base64url");

export class SessionStore implements Sessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => Date,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {}

  create(userId: string): string {
    const token = newSessionToken();
    const t = this.now().getTime();
    this.sessions.set(sha256Hex(token), { userId, createdAt: t, lastSeenAt: t });
    return token;
  }

  /** The live session for this token, touched; or null if unknown, idle too long or too old. */
  touch(token: string | undefined): Session | null {
    if (!token) return null;
    const key = sha256Hex(token);
    const s = this.sessions.get(key);
    if (!s) return null;
    const t = this.now().getTime();
    if (t - s.lastSeenAt > this.idleMs || t - s.createdAt >= this.absoluteMs) {
      this.sessions.delete(key);
      return null;
    }
    s.lastSeenAt = t;
    return s;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(sha256Hex(token));
  }

  endAllFor(userId: string): void {
    for (const [key, s] of this.sessions) if (s.userId === userId) this.sessions.delete(key);
  }
}
