/**
 * Server-side sessions. The cookie holds a random 256-bit token; the server keeps only its hash,
 * so a leaked memory dump or log cannot be replayed. A session ends after an idle time and after
 * an absolute lifetime, on sign-out, and when the account is disabled. Sessions live in memory:
 * a restart signs everyone out, which is the safe way round for case data.
 */
import { randomBytes } from "node:crypto";
import { sha256Hex } from "../signing/canonical.ts";

export interface Session {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => Date,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {}

  create(userId: string): string {
    const token = randomBytes(32).toString("base64url");
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
