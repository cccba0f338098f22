/**
 * Staff accounts. `Accounts` is what the app uses; deps.ts chooses the store: embedded, one small
 * lowdb file (users.json) in the data folder, written durably (this file's UserStore); with
 * PostgreSQL, the `users` table (pg-users.ts), which every process and `npm run user:add` share.
 */
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { z } from "zod";
import { DIR_MODE, DurableJsonFile } from "../store/durable-file.ts";
import { KeyedMutex } from "../store/keyed-mutex.ts";
import { hashPassword } from "./passwords.ts";
import { isOneLine } from "../domain/names.ts";
import type { AuditInput } from "../audit/chain.ts";
import { SOURCE_LANGUAGE } from "../i18n/catalogs.ts";
import { type Msg, msgText, translator } from "../i18n/translator.ts";

export const ROLES = ["case-manager", "supervisor", "admin", "trainee"] as const;
export type Role = (typeof ROLES)[number];
/** A role's name is the catalog's `role.<role>`, said with `t()`; these English words (from the English catalog) are for code not yet moved to it. */
export const ROLE_LABELS = Object.fromEntries(ROLES.map((role) => [role, translator(SOURCE_LANGUAGE, "UTC").t(`role.${role}`)])) as Record<Role, string>;

/**
 * An account's fields, their messages said by `say`: msgText on the pages (AccountFields), so each
 * reader gets them in their own language; English words from the catalog for the command line
 * (UsernameSchema and the rest), whose administrators read its output at a terminal.
 */
type Say = (key: string, values?: Msg["values"]) => string;
const accountFields = (say: Say) => ({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,40}$/, { message: say("account.usernameRule") }),
  /** The name colleagues know someone by: shown on pages, signatures and calendar feeds, one line (domain/names.ts). */
  displayName: z
    .string()
    .trim()
    .min(1, { message: say("account.nameMissing") })
    .max(120, { message: say("form.nameTooLong", { max: 120 }) })
    .refine(isOneLine, { message: say("form.nameOneLine") }),
  password: z
    .string()
    .min(12, { message: say("account.passwordShort") })
    .max(200, { message: say("account.passwordLong") }),
});
export const AccountFields = accountFields(msgText);
const english = accountFields((key, values) => translator(SOURCE_LANGUAGE, "UTC").t(key, values));
export const UsernameSchema = english.username;
export const DisplayNameSchema = english.displayName;
export const PasswordSchema = english.password;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  passwordHash: z.string(),
  disabled: z.boolean().default(false),
  createdAt: z.string(),
  /** SHA-256 of the private calendar feed token, if the user has subscribed; revoking clears it. */
  calendarTokenHash: z.string().optional(),
  /** The language this person chose for Coplan's pages (a catalog's tag); unset: their browser's. */
  language: z.string().max(35).optional(),
});
export type User = z.infer<typeof UserSchema>;

const FileSchema = z.object({ users: z.array(UserSchema) });

export class DuplicateUserError extends Error {}

export type NewUser = { username: string; displayName: string; role: Role; password: string; passwordHash?: string };

export interface Accounts {
  all(): Promise<User[]>;
  byUsername(username: string): Promise<User | undefined>;
  byId(id: string): Promise<User | undefined>;
  /** `passwordHash` lets a caller that already hashed the password (the CLI, test fixtures) skip a second hash. */
  add(input: NewUser): Promise<User>;
  setCalendarTokenHash(id: string, hash: string | undefined): Promise<void>;
  /** The language the person chose for Coplan's pages (a catalog's tag); undefined: their browser's. */
  setLanguage(id: string, language: string | undefined): Promise<void>;
  /** A new password, already hashed (the caller hashes outside the store's lock), e.g. from a reset link. */
  setPassword(id: string, passwordHash: string): Promise<User | undefined>;
  /** Disabling also ends the calendar address: re-enabling must not bring back a feed that may have been shared meanwhile. */
  setDisabled(id: string, disabled: boolean): Promise<User | undefined>;
  /**
   * Only where the accounts live beside the audit log (PostgreSQL): the same changes, each
   * recording its entries in its own transaction, so a change to an account and its record commit
   * together or not at all. Callers go through src/audit/audited-accounts.ts, which records after
   * the change where there is none.
   */
  readonly audited?: AuditedAccounts;
}

/** Changes to accounts that carry their audit entries (Accounts.audited); none is recorded for an account not found. */
export interface AuditedAccounts {
  add(input: NewUser, entry: (user: User) => AuditInput): Promise<User>;
  setDisabled(id: string, disabled: boolean, entry: AuditInput): Promise<User | undefined>;
  setLanguage(id: string, language: string | undefined, entry: AuditInput): Promise<void>;
  setPassword(id: string, passwordHash: string, entries: AuditInput[]): Promise<User | undefined>;
}

export const newUserId = () => randomBytes(8).toString("hex");

export class UserStore implements Accounts {
  private readonly adapter: DurableJsonFile<z.infer<typeof FileSchema>>;
  private readonly mutex = new KeyedMutex();
  private cache: User[] | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date,
  ) {
    this.adapter = new DurableJsonFile(join(dataDir, "users.json"), (raw) => FileSchema.parse(raw));
  }

  async all(): Promise<User[]> {
    if (!this.cache) {
      await mkdir(this.dataDir, { recursive: true, mode: DIR_MODE });
      const low = new Low(this.adapter, { users: [] });
      await low.read();
      this.cache = low.data.users;
    }
    return this.cache;
  }

  async byUsername(username: string): Promise<User | undefined> {
    const name = username.trim().toLowerCase();
    return (await this.all()).find((u) => u.username === name);
  }

  async byId(id: string): Promise<User | undefined> {
    return (await this.all()).find((u) => u.id === id);
  }

  private async write(users: User[]) {
    const low = new Low(this.adapter, { users });
    await low.write();
    this.cache = users;
  }

  /** `passwordHash` lets a caller that already hashed the password (the CLI, test fixtures) skip a second hash. */
  async add(input: NewUser): Promise<User> {
    const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
    return this.mutex.run("users", async () => {
      const users = await this.all();
      if (users.some((u) => u.username === input.username)) throw new DuplicateUserError(`There is already a user called ${input.username}.`);
      const user: User = {
        id: newUserId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        disabled: false,
        createdAt: this.now().toISOString(),
      };
      await this.write([...users, user]);
      return user;
    });
  }

  async setCalendarTokenHash(id: string, hash: string | undefined): Promise<void> {
    await this.mutex.run("users", async () => {
      const users = await this.all();
      await this.write(users.map((u) => (u.id === id ? { ...u, calendarTokenHash: hash } : u)));
    });
  }

  async setLanguage(id: string, language: string | undefined): Promise<void> {
    await this.mutex.run("users", async () => {
      const users = await this.all();
      await this.write(users.map((u) => (u.id === id ? { ...u, language } : u)));
    });
  }

  /** A new password (already hashed: the caller hashes outside the store's lock), e.g. from a reset link. */
  async setPassword(id: string, passwordHash: string): Promise<User | undefined> {
    return this.mutex.run("users", async () => {
      const users = await this.all();
      const next = users.map((u) => (u.id === id ? { ...u, passwordHash } : u));
      await this.write(next);
      return next.find((u) => u.id === id);
    });
  }

  async setDisabled(id: string, disabled: boolean): Promise<User | undefined> {
    return this.mutex.run("users", async () => {
      const users = await this.all();
      // Disabling also ends the calendar address: re-enabling must not bring a feed back that
      // may have been shared while the account was closed. The person subscribes afresh.
      const next = users.map((u) => (u.id === id ? { ...u, disabled, ...(disabled ? { calendarTokenHash: undefined } : {}) } : u));
      await this.write(next);
      return next.find((u) => u.id === id);
    });
  }
}
