/**
 * In PostgreSQL a change to an account and its audit entry commit in one transaction (issue 21),
 * as a plan's change and its entry do (pg-audited-saves.test.ts): an account is never added,
 * disabled, given a new password or a new language, nor a reset link issued, unrecorded. The
 * failure is made by the database itself (a trigger refusing every audit entry).
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { accountChanges, issueResetLink } from "../../src/audit/audited-accounts.ts";
import { PgResetLinks } from "../../src/store/pg-reset-links.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { signerFrom } from "../../src/signing/keys.ts";
import { auditedSchema, describePostgres } from "../helpers/postgres.ts";

const clock = () => new Date("2026-11-24T10:00:00.000Z");
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);
const NEW = { username: "ines", displayName: "Inés Romero", role: "case-manager" as const, password: "a long enough password", passwordHash: "scrypt$not-checked-here" };
const by = (action: "user-added" | "user-disabled" | "account-language-set" | "password-reset-used" | "password-reset-issued", record = "") => ({ actor: "admin", action, record, ip: "127.0.0.1" });

describePostgres("an account's change and its audit entry in one PostgreSQL transaction", () => {
  let db: Awaited<ReturnType<typeof auditedSchema>>;
  let users: PgUserStore;
  let resets: PgResetLinks;
  const actions = async () => (await db.entries()).map((e) => JSON.parse(e).action);

  beforeEach(async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    db = await auditedSchema(clock, signer);
    users = new PgUserStore(db.pool, clock, db.audit);
    resets = new PgResetLinks(db.pool, db.audit);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.schema.drop();
  });

  it("records each change with it, and nothing for an account not found", async () => {
    const changes = accountChanges({ users, audit: db.audit });
    const user = await changes.add(NEW, (u) => by("user-added", u.id));
    expect((await changes.setDisabled(user.id, true, by("user-disabled", user.id)))?.disabled).toBe(true);
    await changes.setLanguage(user.id, "ar", by("account-language-set", user.id));
    await changes.setPassword(user.id, "scrypt$new", [by("password-reset-used", user.id)]);
    await issueResetLink({ resets, audit: db.audit }, user.id, clock(), by("password-reset-issued", user.id));
    expect(await changes.setDisabled("no-such-account", true, by("user-disabled", "no-such-account"))).toBeUndefined();
    expect(await actions()).toEqual(["user-added", "user-disabled", "account-language-set", "password-reset-used", "password-reset-issued"]);
    expect(await db.audit.check()).toMatchObject({ ok: true, count: 5, head: "signed" });
  });

  it("leaves every account as it was when the change's entry cannot be written", async () => {
    const changes = accountChanges({ users, audit: db.audit });
    const user = await users.add(NEW);
    await db.refuseEntries();
    await expect(changes.add({ ...NEW, username: "other" }, (u) => by("user-added", u.id))).rejects.toThrow(/no entry/);
    expect(await users.byUsername("other")).toBeUndefined();
    await expect(changes.setDisabled(user.id, true, by("user-disabled", user.id))).rejects.toThrow(/no entry/);
    await expect(changes.setLanguage(user.id, "ar", by("account-language-set", user.id))).rejects.toThrow(/no entry/);
    await expect(changes.setPassword(user.id, "scrypt$new", [by("password-reset-used", user.id)])).rejects.toThrow(/no entry/);
    expect(await users.byId(user.id)).toEqual(user);
    await expect(issueResetLink({ resets, audit: db.audit }, user.id, clock(), by("password-reset-issued", user.id))).rejects.toThrow(/no entry/);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM reset_links")).rows[0].n).toBe(0);
  });
});
