/**
 * What every sign-in Throttle does, whichever deps.ts chose: the in-memory SignInThrottle and the
 * PostgreSQL one keep the same budgets (throttle.ts) and answer to the same tests. Then what only
 * PostgreSQL promises: two processes count together, and a check is atomic across them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LIMITS, SignInThrottle, type Throttle, WINDOW_MS } from "../../src/auth/throttle.ts";
import { PgThrottle } from "../../src/store/pg-throttle.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const clock = { t: new Date("2026-11-24T10:00:00Z") };
const later = (ms: number) => (clock.t = new Date(clock.t.getTime() + ms));
let schema: TestSchema | undefined;
afterEach(async () => {
  await schema?.drop();
  schema = undefined;
});

interface Made {
  throttle: Throttle;
  /** Keys held, however the store holds them. */
  size(): Promise<number>;
}

async function make(kind: string, limits = LIMITS): Promise<Made> {
  clock.t = new Date("2026-11-24T10:00:00Z");
  if (kind === "embedded") {
    const throttle = new SignInThrottle(() => clock.t, limits);
    return { throttle, size: async () => throttle.size };
  }
  schema = await freshSchema();
  const throttle = new PgThrottle(schema.pool({ max: 4 }), () => clock.t, limits);
  return { throttle, size: () => throttle.size() };
}

async function fail(throttle: Throttle, user: string, address: string) {
  const r = await throttle.begin(user, address);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  await r.attempt.failed();
}

describe.each(TEST_DATABASE_URL ? ["embedded", "PostgreSQL"] : ["embedded"])("the %s sign-in throttle", (kind) => {
  it("locks an address out of an account after six failures, for the rest of the window only, not the owner elsewhere", async () => {
    const { throttle } = await make(kind);
    for (let i = 0; i < 6; i++) await fail(throttle, "casey", "a");
    expect(await throttle.begin("casey", "a")).toMatchObject({ ok: false, reason: "account", retryAfterSeconds: 900 });
    expect((await throttle.begin("casey", "owner")).ok).toBe(true);
    later(WINDOW_MS);
    expect((await throttle.begin("casey", "a")).ok).toBe(true);
  });

  it("reserves each attempt before the password is checked: of 40 parallel guesses six get through", async () => {
    const { throttle } = await make(kind, { ...LIMITS, pendingPerAddress: 100 });
    const started = await Promise.all(Array.from({ length: 40 }, () => throttle.begin("casey", "a")));
    expect(started.filter((r) => r.ok)).toHaveLength(6);
    expect(started.filter((r) => !r.ok && r.reason === "account")).toHaveLength(34);
  });

  it("lets one address have two attempts in progress at once, and frees them when settled", async () => {
    const { throttle } = await make(kind);
    const [one, two, three] = [await throttle.begin("x", "a"), await throttle.begin("y", "a"), await throttle.begin("z", "a")];
    expect([one.ok, two.ok, three.ok]).toEqual([true, true, false]);
    expect(three).toMatchObject({ reason: "busy" });
    if (one.ok) await one.attempt.cancelled();
    expect((await throttle.begin("z", "a")).ok).toBe(true);
  });

  it("locks an address that sprays many usernames", async () => {
    const { throttle } = await make(kind);
    for (let i = 0; i < 30; i++) await fail(throttle, `user${i}`, "sprayer");
    expect(await throttle.begin("casey", "sprayer")).toMatchObject({ ok: false, reason: "address" });
    expect((await throttle.begin("casey", "elsewhere")).ok).toBe(true);
  });

  it("slows an account guessed at from many addresses: one attempt every five seconds from clean ones", async () => {
    const { throttle } = await make(kind);
    for (let i = 0; i < 30; i++) await fail(throttle, "casey", `bot${i}`);
    expect(await throttle.begin("casey", "bot3")).toMatchObject({ ok: false, reason: "account" });
    const owner = await throttle.begin("casey", "owner");
    expect(owner.ok).toBe(true);
    if (owner.ok) await owner.attempt.succeeded();
    expect(await throttle.begin("casey", "bot99")).toMatchObject({ ok: false, reason: "slowed", retryAfterSeconds: 5 });
    later(5_000);
    expect((await throttle.begin("casey", "bot99")).ok).toBe(true);
  });

  it("a success, or the owner's password reset, starts that address afresh on the account", async () => {
    const { throttle } = await make(kind);
    for (let i = 0; i < 5; i++) await fail(throttle, "casey", "a");
    const r = await throttle.begin("casey", "a");
    if (r.ok) await r.attempt.succeeded();
    for (let i = 0; i < 6; i++) await fail(throttle, "casey", "a");
    expect((await throttle.begin("casey", "a")).ok).toBe(false);
    await throttle.forgive("casey", "a");
    expect((await throttle.begin("casey", "a")).ok).toBe(true);
  });

  it("keeps nothing for a refused or cancelled attempt", async () => {
    const { throttle, size } = await make(kind);
    const r = await throttle.begin("casey", "a");
    if (r.ok) await r.attempt.cancelled();
    expect(await size()).toBe(0);
    await throttle.begin("x", "b");
    await throttle.begin("y", "b");
    const before = await size();
    expect(await throttle.begin("z", "b")).toMatchObject({ ok: false, reason: "busy" });
    expect(await size()).toBe(before);
  });
});

describePostgres("the PostgreSQL sign-in throttle across processes", () => {
  it("counts two processes' failures together, and lets only six of 40 guesses split between them through", async () => {
    schema = await freshSchema();
    const now = () => clock.t;
    clock.t = new Date("2026-11-24T10:00:00Z");
    const one = new PgThrottle(schema.pool({ max: 4 }), now, { ...LIMITS, pendingPerAddress: 100 });
    const two = new PgThrottle(schema.pool({ max: 4 }), now, { ...LIMITS, pendingPerAddress: 100 });
    const started = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).begin("casey", "a")));
    expect(started.filter((r) => r.ok)).toHaveLength(6);
    for (const r of started) if (r.ok) await r.attempt.failed();
    expect(await one.begin("casey", "a")).toMatchObject({ ok: false, reason: "account" });
    expect(await two.begin("casey", "a")).toMatchObject({ ok: false, reason: "account" });
  });

  it("deletes rows untouched for a whole window, so the table stays bounded", async () => {
    schema = await freshSchema();
    clock.t = new Date("2026-11-24T10:00:00Z");
    const pool = schema.pool({ max: 2 });
    const throttle = new PgThrottle(pool, () => clock.t);
    for (let i = 0; i < 20; i++) await fail(throttle, `user${i}`, `10.0.0.${i}`);
    expect(await throttle.size()).toBe(60);
    later(WINDOW_MS);
    await fail(throttle, "casey", "b");
    expect(await throttle.size()).toBe(3);
  });

  it("an attempt left unsettled by a process that died stops counting as in progress after a minute", async () => {
    schema = await freshSchema();
    clock.t = new Date("2026-11-24T10:00:00Z");
    const throttle = new PgThrottle(schema.pool({ max: 2 }), () => clock.t);
    await throttle.begin("x", "a");
    await throttle.begin("y", "a"); // neither settled: the process "died"
    expect(await throttle.begin("z", "a")).toMatchObject({ ok: false, reason: "busy" });
    later(60_000);
    expect((await throttle.begin("z", "a")).ok).toBe(true);
  });
});
