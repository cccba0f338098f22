/**
 * Sessions in PostgreSQL (migrations/003), behind the same Sessions interface as the in-memory
 * SessionStore: a session made by one Coplan process is valid on all of them. Only the token's
 * SHA-256 is kept. Idle and absolute expiry are checked in the query that touches the session,
 * against the application's clock (passed in, so every process and every test agrees on "now").
 *
 * Every request touches its session, and a write per request would be a durable commit per page
 * (synchronous_commit is on), all on one row when many tabs share a session. So the time last
 * seen is written only when the stored one is older than TOUCH_EVERY_MS: a session may end that
 * much before its idle time, which for an idle time of minutes nobody notices.
 */
import type pg from "pg";
import { newSessionToken, type Session, type Sessions } from "../auth/sessions.ts";
import { sha256Hex } from "../signing/canonical.ts";
import { schemaReady } from "./pg-schema.ts";
import { COLUMNS as USER_COLUMNS, toUser, type UserRow } from "./pg-users.ts";

const MS = "* interval '1 millisecond'";

/** How stale the stored time last seen may be before a touch writes it (at most a tenth of the idle time). */
export const TOUCH_EVERY_MS = 60_000;

export class PgSessionStore implements Sessions {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, Math.floor(idleMs / 10));
  }

  private readonly touchEveryMs: number;

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
    // Live: seen within the idle time and younger than the absolute lifetime (as SessionStore);
    // its time last seen written only if stale (see above); the account read with it. One statement, one round trip.
    const { rows } = await this.pool.query<{ user_id: string; session_created_at: Date; account: UserRow | null }>({
      // Named: prepared once per connection, not parsed and planned again on every request.
      name: "coplan-session-touch",
      text: `WITH live AS (
         SELECT token_hash, user_id, created_at, last_seen_at FROM sessions
         WHERE token_hash = $1 AND last_seen_at >= $2::timestamptz - $3 ${MS} AND created_at > $2::timestamptz - $4 ${MS}
       ), touched AS (
         UPDATE sessions SET last_seen_at = $2::timestamptz FROM live
         WHERE sessions.token_hash = live.token_hash AND live.last_seen_at < $2::timestamptz - $5 ${MS}
       )
       SELECT live.user_id, live.created_at AS session_created_at, CASE WHEN u.id IS NULL THEN NULL ELSE row_to_json(u) END AS account
       FROM live LEFT JOIN (SELECT ${USER_COLUMNS} FROM users) u ON u.id = live.user_id`,
      values: [key, now, this.idleMs, this.absoluteMs, this.touchEveryMs],
    });
    if (!rows.length) {
      await this.pool.query("DELETE FROM sessions WHERE token_hash = $1", [key]); // ended by time, if it was there
      return null;
    }
    const { user_id: userId, session_created_at: createdAt, account } = rows[0];
    return { userId, createdAt: createdAt.getTime(), lastSeenAt: now.getTime(), account: account ? toUser({ ...account, created_at: new Date(account.created_at) }) : null };
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
