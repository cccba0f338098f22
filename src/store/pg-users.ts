/**
 * Staff accounts in PostgreSQL (migrations/003): the `users` table, behind the same Accounts
 * interface as users.json. Nothing is cached: an account added by `npm run user:add`, or
 * disabled through another process, counts at once everywhere. Parameterised queries only.
 */
import type pg from "pg";
import { hashPassword } from "../auth/passwords.ts";
import { type Accounts, type AuditedAccounts, DuplicateUserError, type NewUser, newUserId, type User, UserSchema } from "../auth/users.ts";
import type { AuditInput } from "../audit/chain.ts";
import type { PgAuditLog } from "../audit/pg-audit-log.ts";
import { inTransaction } from "./pg-pool.ts";
import { schemaReady } from "./pg-schema.ts";

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  calendar_token_hash: string | null;
  language: string | null;
}

/**
 * PostgreSQL text cannot hold NUL, and refuses a parameter with one (an error, so a 500), where
 * users.json simply finds no such account. A sign-in form or URL may carry one: no account has it.
 */
/** Where a statement runs: the pool, or a transaction's connection. */
type Queryable = pg.Pool | pg.ClientBase;

const impossible = (...values: string[]) => values.some((v) => v.includes("\0"));

export const COLUMNS = "id, username, display_name, role, password_hash, disabled, created_at, calendar_token_hash, language";

/** A row as the app knows a user, checked as users.json is. */
export const toUser = (r: UserRow): User =>
  UserSchema.parse({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
    ...(r.calendar_token_hash === null ? {} : { calendarTokenHash: r.calendar_token_hash }),
    ...(r.language === null ? {} : { language: r.language }),
  });

export class PgUserStore implements Accounts {
  readonly audited?: AuditedAccounts;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    /** The audit log in the same database: `audited` changes record their entries in their own transaction. */
    audit?: PgAuditLog,
  ) {
    if (audit) {
      this.audited = {
        add: (input, entry) => this.addAudited(input, audit, entry),
        setDisabled: (id, disabled, entry) => this.recorded(audit, (db) => this.disable(db, id, disabled), (user) => (user ? [entry] : [])),
        setLanguage: async (id, language, entry) => {
          await this.recorded(audit, (db) => this.language(db, id, language), (user) => (user ? [entry] : []));
        },
        setPassword: (id, passwordHash, entries) => this.recorded(audit, (db) => this.password(db, id, passwordHash), (user) => (user ? entries : [])),
      };
    }
  }

  private async query(sql: string, params: unknown[] = [], db: Queryable = this.pool): Promise<User[]> {
    await schemaReady(this.pool);
    return (await db.query<UserRow>(sql, params)).rows.map(toUser);
  }

  /** A change and the entries that record it (none if it found no account), in one transaction. */
  private async recorded<U extends User | undefined>(audit: PgAuditLog, change: (db: Queryable) => Promise<U>, entries: (user: U) => AuditInput[]): Promise<U> {
    await schemaReady(this.pool);
    const { user, appended } = await inTransaction(this.pool, async (client) => {
      const user = await change(client);
      return { user, appended: await audit.appendIn(client, entries(user)) };
    });
    appended.committed();
    return user;
  }

  all(): Promise<User[]> {
    return this.query(`SELECT ${COLUMNS} FROM users ORDER BY seq`);
  }

  async byUsername(username: string): Promise<User | undefined> {
    if (impossible(username)) return undefined;
    return (await this.query(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username.trim().toLowerCase()]))[0];
  }

  async byId(id: string): Promise<User | undefined> {
    if (impossible(id)) return undefined;
    return (await this.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]))[0];
  }

  add(input: NewUser): Promise<User> {
    return this.insert(this.pool, input);
  }

  /**
   * Adds an account and records `entry` for it in the audit log, in one transaction (`npm run
   * user:add` while Coplan runs, and the accounts page): the account never exists unrecorded.
   */
  async addAudited(input: NewUser, audit: PgAuditLog, entry: (user: User) => AuditInput): Promise<User> {
    return this.recorded(audit, (db) => this.insert(db, input), (user) => [entry(user)]);
  }

  private async insert(db: Queryable, input: NewUser): Promise<User> {
    await schemaReady(this.pool);
    const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
    // The unique username decides between two adds at once, in one process or several.
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at)
       VALUES ($1, $2, $3, $4, $5, false, $6)
       ON CONFLICT (username) DO NOTHING
       RETURNING ${COLUMNS}`,
      [newUserId(), input.username, input.displayName, input.role, passwordHash, this.now()],
    );
    if (!rows[0]) throw new DuplicateUserError(`There is already a user called ${input.username}.`);
    return toUser(rows[0]);
  }

  async setCalendarTokenHash(id: string, hash: string | undefined): Promise<void> {
    if (impossible(id)) return;
    await this.query(`UPDATE users SET calendar_token_hash = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, hash ?? null]);
  }

  async setLanguage(id: string, language: string | undefined): Promise<void> {
    await this.language(this.pool, id, language);
  }

  private async language(db: Queryable, id: string, language: string | undefined): Promise<User | undefined> {
    if (impossible(id)) return undefined;
    return (await this.query(`UPDATE users SET language = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, language ?? null], db))[0];
  }

  setPassword(id: string, passwordHash: string): Promise<User | undefined> {
    return this.password(this.pool, id, passwordHash);
  }

  private async password(db: Queryable, id: string, passwordHash: string): Promise<User | undefined> {
    if (impossible(id)) return undefined;
    return (await this.query(`UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, passwordHash], db))[0];
  }

  setDisabled(id: string, disabled: boolean): Promise<User | undefined> {
    return this.disable(this.pool, id, disabled);
  }

  private async disable(db: Queryable, id: string, disabled: boolean): Promise<User | undefined> {
    if (impossible(id)) return undefined;
    // Disabling also ends the calendar address, as in the embedded store (users.ts says why).
    return (
      await this.query(
        `UPDATE users SET disabled = $2, calendar_token_hash = CASE WHEN $2 THEN NULL ELSE calendar_token_hash END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, disabled],
        db,
      )
    )[0];
  }
}
