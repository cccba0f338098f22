/**
 * Password-reset links in PostgreSQL (migrations/003), behind the same ResetLinks interface as
 * the files of reset-store.ts. Only the token's SHA-256 is kept. A link is taken by one caller
 * with `UPDATE … WHERE NOT claimed`, which PostgreSQL lets exactly one of several callers do,
 * as the file system's rename does for the files: two parallel uses set one password.
 */
import type pg from "pg";
import { newResetRecord, newResetToken, type ResetRecord, ResetRecordSchema, resetKey } from "../auth/password-reset.ts";
import type { AuditedResetLinks, ResetClaim, ResetLinks } from "../auth/reset-store.ts";
import type { AuditInput } from "../audit/chain.ts";
import type { PgAuditLog } from "../audit/pg-audit-log.ts";
import { inTransaction } from "./pg-pool.ts";
import { schemaReady } from "./pg-schema.ts";

interface LinkRow {
  user_id: string;
  issued_by: string;
  issued_at: Date;
  expires_at: Date;
  audit_pending: boolean;
}

export class PgResetLinks implements ResetLinks {
  readonly audited?: AuditedResetLinks;

  /** `audit`: the audit log in the same database, for `audited` links recorded in their own transaction. */
  constructor(
    private readonly pool: pg.Pool,
    audit?: PgAuditLog,
  ) {
    if (audit) this.audited = { issue: (userId, issuedBy, now, entry) => this.issueRecorded(userId, issuedBy, now, false, { audit, entry }) };
  }

  issue(userId: string, issuedBy: string, now: Date, auditPending = false): Promise<{ token: string; expiresAt: string }> {
    return this.issueRecorded(userId, issuedBy, now, auditPending);
  }

  private async issueRecorded(userId: string, issuedBy: string, now: Date, auditPending: boolean, recorded?: { audit: PgAuditLog; entry: AuditInput }): Promise<{ token: string; expiresAt: string }> {
    await schemaReady(this.pool);
    const token = newResetToken();
    const record = newResetRecord(userId, issuedBy, now, auditPending);
    const appended = await inTransaction(this.pool, async (client) => {
      // The newest link is the one the person was given: the account's earlier ones end, and so
      // do links past their hour.
      await client.query("DELETE FROM reset_links WHERE user_id = $1 OR expires_at <= $2", [userId, now]);
      await client.query(
        "INSERT INTO reset_links (token_hash, user_id, issued_by, issued_at, expires_at, audit_pending) VALUES ($1, $2, $3, $4, $5, $6)",
        [resetKey(token), userId, issuedBy, record.issuedAt, record.expiresAt, auditPending],
      );
      return recorded ? recorded.audit.appendIn(client, [recorded.entry]) : null;
    });
    appended?.committed();
    return { token, expiresAt: record.expiresAt };
  }

  async find(token: string, now: Date): Promise<ResetRecord | null> {
    const key = resetKey(token);
    if (!key) return null;
    await schemaReady(this.pool);
    const { rows } = await this.pool.query<LinkRow>(
      "SELECT user_id, issued_by, issued_at, expires_at, audit_pending FROM reset_links WHERE token_hash = $1 AND NOT claimed AND expires_at > $2",
      [key, now],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return ResetRecordSchema.parse({ userId: r.user_id, issuedBy: r.issued_by, issuedAt: r.issued_at.toISOString(), expiresAt: r.expires_at.toISOString(), auditPending: r.audit_pending });
  }

  async claim(token: string): Promise<ResetClaim | null> {
    const key = resetKey(token);
    if (!key) return null;
    await schemaReady(this.pool);
    const { rowCount } = await this.pool.query("UPDATE reset_links SET claimed = true WHERE token_hash = $1 AND NOT claimed", [key]);
    if (!rowCount) return null;
    return {
      spend: async () => {
        await this.pool.query("DELETE FROM reset_links WHERE token_hash = $1", [key]);
      },
      giveBack: async () => {
        await this.pool.query("UPDATE reset_links SET claimed = false WHERE token_hash = $1", [key]);
      },
    };
  }
}
