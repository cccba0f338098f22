/**
 * What every Sessions store does, whichever deps.ts chose: the in-memory SessionStore and the
 * PostgreSQL one (a fresh schema of COPLAN_TEST_DATABASE_URL) answer to the same tests. Then what
 * only PostgreSQL promises: a session made by one process is valid on every other.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SessionStore, type Sessions } from "../../src/auth/sessions.ts";
import { PgSessionStore } from "../../src/store/pg-sessions.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const START = new Date("2026-11-24T10:00:00.000Z").getTime();
const IDLE = 30 * 60_000;
const ABSOLUTE = 10 * 3_600_000;

let schema: TestSchema | undefined;
afterEach(async () => {
  await schema?.drop();
  schema = undefined;
});

const clock = { t: new Date(START) };
const later = (ms: number) => (clock.t = new Date(clock.t.getTime() + ms));

async function make(kind: string): Promise<Sessions> {
  clock.t = new Date(START);
  if (kind === "embedded") return new SessionStore(() => clock.t, IDLE, ABSOLUTE);
  schema = await freshSchema();
  return new PgSessionStore(schema.pool({ max: 4 }), () => clock.t, IDLE, ABSOLUTE);
}

describe.each(TEST_DATABASE_URL ? ["embedded", "PostgreSQL"] : ["embedded"])("the %s session store", (kind) => {
  it("knows a new session's user, and no session for an unknown, missing or ended token", async () => {
    const sessions = await make(kind);
    const token = await sessions.create("user-1");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessions.touch(token)).toMatchObject({ userId: "user-1", createdAt: START, lastSeenAt: START });
    expect(await sessions.touch("x".repeat(43))).toBeNull();
    expect(await sessions.touch(undefined)).toBeNull();
    await sessions.end(token);
    expect(await sessions.touch(token)).toBeNull();
  });

  it("ends a session idle for longer than the idle time, and keeps one that is used", async () => {
    const sessions = await make(kind);
    const used = await sessions.create("user-1");
    const idle = await sessions.create("user-1");
    later(IDLE - 1_000);
    expect(await sessions.touch(used)).toMatchObject({ userId: "user-1", lastSeenAt: clock.t.getTime() });
    later(2_000);
    expect(await sessions.touch(used)).not.toBeNull();
    expect(await sessions.touch(idle)).toBeNull();
    later(-5_000); // the clock going back does not bring it back: it ended
    expect(await sessions.touch(idle)).toBeNull();
  });

  it("ends a session at its absolute lifetime however much it is used", async () => {
    const sessions = await make(kind);
    const token = await sessions.create("user-1");
    for (let t = 0; t < ABSOLUTE - IDLE; t += IDLE - 1) {
      later(IDLE - 1);
      expect(await sessions.touch(token)).not.toBeNull();
    }
    clock.t = new Date(START + ABSOLUTE);
    expect(await sessions.touch(token)).toBeNull();
  });

  it("ends every session of one user, and only theirs", async () => {
    const sessions = await make(kind);
    const [a, b, other] = [await sessions.create("user-1"), await sessions.create("user-1"), await sessions.create("user-2")];
    await sessions.endAllFor("user-1");
    expect(await sessions.touch(a)).toBeNull();
    expect(await sessions.touch(b)).toBeNull();
    expect(await sessions.touch(other)).toMatchObject({ userId: "user-2" });
  });
});

describePostgres("PostgreSQL sessions across processes", () => {
  it("a session made by one process is valid on another, and signing out on one ends it on both", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const one = new PgSessionStore(schema.pool({ max: 2 }), () => clock.t, IDLE, ABSOLUTE);
    const two = new PgSessionStore(schema.pool({ max: 2 }), () => clock.t, IDLE, ABSOLUTE);
    const token = await one.create("user-1");
    later(60_000);
    expect(await two.touch(token)).toMatchObject({ userId: "user-1", lastSeenAt: START + 60_000 });
    await two.end(token);
    expect(await one.touch(token)).toBeNull();
  });

  it("keeps only the token's hash, and clears sessions ended by time as new ones come", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const pool = schema.pool({ max: 2 });
    const sessions = new PgSessionStore(pool, () => clock.t, IDLE, ABSOLUTE);
    const old = await sessions.create("user-1");
    later(IDLE + 1);
    const fresh = await sessions.create("user-2");
    const { rows } = await pool.query<{ token_hash: string }>("SELECT token_hash FROM sessions");
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(fresh);
    expect(JSON.stringify(rows)).not.toContain(old);
  });
});

describePostgres("PostgreSQL sessions under many requests", () => {
  it("reads the session's account with it, in the same query, exactly as the accounts store has it", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const pool = schema.pool({ max: 2 });
    const users = new PgUserStore(pool, () => clock.t);
    const user = await users.add({ username: "sam", displayName: "Sam Okafor", role: "supervisor", password: "a long enough password" });
    await users.setLanguage(user.id, "ar");
    const sessions = new PgSessionStore(pool, () => clock.t, IDLE, ABSOLUTE);
    const token = await sessions.create(user.id);
    let queries = 0;
    pool.on("acquire", () => queries++);
    const session = await sessions.touch(token);
    expect(queries).toBe(1);
    expect(session?.account).toEqual(await users.byId(user.id));
    expect(session?.account).toMatchObject({ username: "sam", role: "supervisor", language: "ar", disabled: false });
    // An account gone (or never there) is said to be gone, not left for another query to find.
    const orphan = await sessions.create("no-such-user");
    expect((await sessions.touch(orphan))?.account).toBeNull();
  });

  it("writes the time last seen at most once a minute, however often a session is used", async () => {
    clock.t = new Date(START);
    schema = await freshSchema();
    const pool = schema.pool({ max: 2 });
    const sessions = new PgSessionStore(pool, () => clock.t, IDLE, ABSOLUTE);
    const token = await sessions.create("user-1");
    const stored = async () => (await pool.query<{ last_seen_at: Date }>("SELECT last_seen_at FROM sessions")).rows[0].last_seen_at.getTime();
    for (let i = 0; i < 5; i++) {
      later(10_000);
      expect(await sessions.touch(token)).toMatchObject({ userId: "user-1", lastSeenAt: clock.t.getTime() });
    }
    expect(await stored()).toBe(START); // 50 s of use: no write
    later(11_000);
    await sessions.touch(token);
    expect(await stored()).toBe(START + 61_000);
  });
});
