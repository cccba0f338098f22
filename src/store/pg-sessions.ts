/**
 * Sessions in PostgreSQL (migrations/003), behind the same Sessions interface as the in-memory
 * SessionStore: a session made by one Coplan process is valid on all of them. Only the token's
 * SHA-256 is kept. Idle and absolute expiry are checked in the query that touches the session,
 * against the application's clock (passed in, so every process and every test agrees on "now").
 */
import type pg from "pg";
import { newSessionToken, type Session, type Sessions } from "../auth/sessions.ts";
import { sha256Hex } from "../signing/canonical.ts";
import { schemaReady } from "./pg-schema.ts";

const MS = "* interval '1 millisecond'";

export class PgSessionStore implements Sessions {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {}

  async create(userId: string): Promise<string> {
    await schemaReady(this.pool);
    const token = newSessionToken();
    const now = this.now();
    await this.pool.query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)", [sha256Hex(token), userId, now]);
    // Sessions that have ended by time go as new ones come, so the table holds about the live ones.
    await this.pool.query(`DELETE FROM sessions WHERE last_seen_at < $1::timestamptz - $2 ${MS} OR created_at <= $1::timestamptz - $3 ${MS}`, [now, this.idleMs, this.absoluteMs]);
    return token;
  }

  async touch(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    await schemaReady(this.pool);
    const key = sha256Hex(token);
    const now = this.now();
    // Live: seen within the idle time and younger than the absolute lifetime (as SessionStore).
    const { rows } = await this.pool.query<{ user_id: string; created_at: Date; last_seen_at: Date }>(
      `UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $2::timestamptz)
       WHERE token_hash = $1 AND last_seen_at >= $2::timestamptz - $3 ${MS} AND created_at > $2::timestamptz - $4 ${MS}
       RETURNING user_id, created_at, last_seen_at`,
      [key, now, this.idleMs, this.absoluteMs],
    );
    if (!rows.length) {
      await this.pool.query("DELETE FROM sessions WHERE token_hash = $1", [key]); // ended by time, if it was there
      return null;
    }
    return { userId: rows[0].user_id, createdAt: rows[0].created_at.getTime(), lastSeenAt: rows[0].last_seen_at.getTime() };
  }

  async end(token: string | undefined): Promise<void> {
    if (!token) return;
    await schemaReady(this.pool);
    await this.pool.query("DELETE FROM sessions WHERE token_hash = $1", [sha256Hex(token)]);
  }

  async endAllFor(userId: string): Promise<void> {
    await schemaReady(this.pool);
    await this.pool.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
  }
}
