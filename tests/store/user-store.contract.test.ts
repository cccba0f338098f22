/**
 * What every Accounts store does, whichever deps.ts chose: users.json in a temp folder and the
 * PostgreSQL `users` table (a fresh schema) answer to the same tests. Then what only PostgreSQL
 * promises: an account added through one process (or `npm run user:add`) counts at once in another.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Accounts, DuplicateUserError, UserStore } from "../../src/auth/users.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { tempDir } from "../helpers/app.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const START = "2026-11-24T10:00:00.000Z";
const clock = { t: new Date(START) };
let schema: TestSchema | undefined;
afterEach(async () => {
  await schema?.drop();
  schema = undefined;
});

async function make(kind: string): Promise<Accounts> {
  clock.t = new Date(START);
  if (kind === "embedded") return new UserStore(tempDir(), () => clock.t);
  schema = await freshSchema();
  return new PgUserStore(schema.pool({ max: 4 }), () => clock.t);
}

// A made-up hash: the stores keep whatever hash they are given, and hashing at full cost is slow.
const jo = { username: "jo", displayName: "Jo Smith", role: "case-manager", password: "", passwordHash: "scrypt$jo" } as const;
const sam = { username: "sam", displayName: "Sam Lee", role: "supervisor", password: "", passwordHash: "scrypt$sam" } as const;

describe.each(TEST_DATABASE_URL ? ["embedded", "PostgreSQL"] : ["embedded"])("the %s account store", (kind) => {
  it("adds accounts and finds them by id and by username (any case, spaces trimmed), in the order added", async () => {
    const users = await make(kind);
    const a = await users.add(jo);
    clock.t = new Date(Date.parse(START) + 1_000);
    const b = await users.add(sam);
    expect(a).toEqual({ id: a.id, username: "jo", displayName: "Jo Smith", role: "case-manager", passwordHash: "scrypt$jo", disabled: false, createdAt: START });
    expect(await users.byId(a.id)).toEqual(a);
    expect(await users.byUsername("  JO ")).toEqual(a);
    expect((await users.all()).map((u) => u.username)).toEqual(["jo", "sam"]);
    expect(b.createdAt).toBe("2026-11-24T10:00:01.000Z");
    expect(await users.byId("nobody")).toBeUndefined();
    expect(await users.byUsername("nobody")).toBeUndefined();
  });

  it("finds no account, and changes none, for a username or id no account can have (a NUL character, say)", async () => {
    const users = await make(kind);
    const a = await users.add(jo);
    expect(await users.byUsername("jo\0")).toBeUndefined();
    expect(await users.byId(`${a.id}\0`)).toBeUndefined();
    expect(await users.setDisabled(`${a.id}\0`, true)).toBeUndefined();
    expect(await users.setPassword(`${a.id}\0`, "x")).toBeUndefined();
    await users.setCalendarTokenHash(`${a.id}\0`, "ab".repeat(32));
    expect(await users.byId(a.id)).toEqual(a);
  });

  it("refuses a second account with a username already taken", async () => {
    const users = await make(kind);
    await users.add(jo);
    await expect(users.add({ ...sam, username: "jo" })).rejects.toBeInstanceOf(DuplicateUserError);
    expect(await users.all()).toHaveLength(1);
  });

  it("sets a password and a calendar token, and disabling ends the calendar token (enabling does not bring it back)", async () => {
    const users = await make(kind);
    const a = await users.add(jo);
    expect(await users.setPassword(a.id, "scrypt$new")).toMatchObject({ passwordHash: "scrypt$new" });
    await users.setCalendarTokenHash(a.id, "ab".repeat(32));
    expect((await users.byId(a.id))?.calendarTokenHash).toBe("ab".repeat(32));
    expect(await users.setDisabled(a.id, true)).toMatchObject({ disabled: true });
    expect((await users.byId(a.id))?.calendarTokenHash).toBeUndefined();
    expect(await users.setDisabled(a.id, false)).toMatchObject({ disabled: false });
    expect((await users.byId(a.id))?.calendarTokenHash).toBeUndefined();
    await users.setCalendarTokenHash(a.id, "cd".repeat(32));
    await users.setCalendarTokenHash(a.id, undefined);
    expect((await users.byId(a.id))?.calendarTokenHash).toBeUndefined();
    expect(await users.setPassword("nobody", "x")).toBeUndefined();
    expect(await users.setDisabled("nobody", true)).toBeUndefined();
  });

  it("keeps each person's language for Coplan's pages (issue 22), read back by a fresh store, until it is unset", async () => {
    const dir = tempDir();
    const users = kind === "embedded" ? new UserStore(dir, () => clock.t) : await make(kind);
    const a = await users.add(jo);
    const b = await users.add(sam);
    await users.setLanguage(a.id, "zh-Hans");
    expect((await users.byId(a.id))?.language).toBe("zh-Hans");
    expect((await users.byUsername("jo"))?.language).toBe("zh-Hans");
    const reread = kind === "embedded" ? new UserStore(dir, () => clock.t) : new PgUserStore(schema!.pool({ max: 2 }), () => clock.t);
    expect((await reread.byId(a.id))?.language).toBe("zh-Hans");
    expect((await reread.byId(b.id))?.language).toBeUndefined();
    await users.setLanguage(`${b.id}\0`, "ar"); // no account has such an id: nothing changes
    await users.setLanguage(a.id, undefined);
    expect(await users.byId(a.id)).toEqual(a);
    expect(await reread.byId(b.id)).toEqual(b);
  });
});

describePostgres("PostgreSQL accounts across processes", () => {
  it("an account added or disabled through one process counts at once in another", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const server = new PgUserStore(schema.pool({ max: 2 }), () => clock.t);
    const command = new PgUserStore(schema.pool({ max: 2 }), () => clock.t);
    expect(await server.all()).toEqual([]);
    const a = await command.add(jo);
    expect(await server.byUsername("jo")).toEqual(a);
    await command.setDisabled(a.id, true);
    expect((await server.byId(a.id))?.disabled).toBe(true);
  });

  it("of two processes adding the same username at once, one succeeds and the other is told it is taken", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const [one, two] = [new PgUserStore(schema.pool({ max: 2 }), () => clock.t), new PgUserStore(schema.pool({ max: 2 }), () => clock.t)];
    await one.all(); // the schema made first, so both race on the insert itself
    const results = await Promise.allSettled([one.add(jo), two.add({ ...sam, username: "jo" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: expect.any(DuplicateUserError) });
  });
});
