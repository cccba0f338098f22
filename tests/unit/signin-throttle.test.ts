import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { LIMITS, MAX_ENTRIES, SignInThrottle, WINDOW_MS } from "../../src/auth/throttle.ts";

function make(limits = LIMITS) {
  const clock = { t: new Date("2026-11-24T10:00:00Z") };
  const throttle = new SignInThrottle(() => clock.t, limits);
  const later = (ms: number) => (clock.t = new Date(clock.t.getTime() + ms));
  const fail = (user: string, address: string) => {
    const r = throttle.begin(user, address);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    r.attempt.failed();
  };
  return { throttle, later, fail };
}

describe("the sign-in throttle", () => {
  it("locks an address out of an account after six failures, for the rest of the window only", () => {
    const { throttle, later, fail } = make();
    for (let i = 0; i < 6; i++) fail("casey", "a");
    expect(throttle.begin("casey", "a")).toMatchObject({ ok: false, reason: "account", retryAfterSeconds: 900 });
    later(WINDOW_MS);
    expect(throttle.begin("casey", "a").ok).toBe(true);
  });

  it("does not lock the account's owner out from another address", () => {
    const { throttle, fail } = make();
    for (let i = 0; i < 6; i++) fail("casey", "attacker");
    expect(throttle.begin("casey", "attacker").ok).toBe(false);
    expect(throttle.begin("casey", "owner").ok).toBe(true);
  });

  it("reserves each attempt before the password is checked: parallel guesses wait for a verdict", () => {
    const { throttle } = make({ ...LIMITS, pendingPerAddress: 100 });
    const started = Array.from({ length: 40 }, () => throttle.begin("casey", "a"));
    expect(started.filter((r) => r.ok)).toHaveLength(6);
    expect(started.filter((r) => !r.ok && r.reason === "account")).toHaveLength(34);
  });

  it("lets one address have two attempts in progress at once, and frees them when settled", () => {
    const { throttle } = make();
    const [one, two, three] = [throttle.begin("x", "a"), throttle.begin("y", "a"), throttle.begin("z", "a")];
    expect([one.ok, two.ok, three.ok]).toEqual([true, true, false]);
    expect(three).toMatchObject({ reason: "busy" });
    if (one.ok) one.attempt.cancelled();
    expect(throttle.begin("z", "a").ok).toBe(true);
  });

  it("locks an address that sprays many usernames", () => {
    const { throttle, fail } = make();
    for (let i = 0; i < 30; i++) fail(`user${i}`, "sprayer");
    expect(throttle.begin("casey", "sprayer")).toMatchObject({ ok: false, reason: "address" });
    expect(throttle.begin("casey", "elsewhere").ok).toBe(true);
  });

  it("slows an account guessed at from many addresses: one attempt every five seconds from clean ones", () => {
    const { throttle, later, fail } = make();
    for (let i = 0; i < 30; i++) fail("casey", `bot${i}`);
    expect(throttle.begin("casey", "bot3")).toMatchObject({ ok: false, reason: "account" });
    const owner = throttle.begin("casey", "owner");
    expect(owner.ok).toBe(true);
    if (owner.ok) owner.attempt.succeeded();
    expect(throttle.begin("casey", "bot99")).toMatchObject({ ok: false, reason: "slowed", retryAfterSeconds: 5 });
    later(5_000);
    expect(throttle.begin("casey", "bot99").ok).toBe(true);
  });

  it("a success starts that address afresh on the account", () => {
    const { throttle, fail } = make();
    for (let i = 0; i < 5; i++) fail("casey", "a");
    const r = throttle.begin("casey", "a");
    if (r.ok) r.attempt.succeeded();
    for (let i = 0; i < 5; i++) fail("casey", "a");
    expect(throttle.begin("casey", "a").ok).toBe(true);
  });

  it("holds a bounded number of short keys however many usernames are tried", () => {
    const { throttle, fail } = make({ ...LIMITS, address: Infinity });
    const long = "u".repeat(200);
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) fail(`${long}${i}`, `10.0.${i % 250}.${i % 7}`);
    expect(throttle.size).toBeLessThanOrEqual(MAX_ENTRIES * 3);
    gc();
    // 100,000 usernames kept whole would be 30 MB and more, growing for ever; hashed and capped,
    // three maps of 10,000 keys stay near 9 MB whatever is tried.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(12 * 1024 * 1024);
  });

  it("forgets what holds nothing: a cancelled attempt leaves no keys", () => {
    const { throttle } = make();
    const r = throttle.begin("casey", "a");
    if (r.ok) r.attempt.cancelled();
    expect(throttle.size).toBe(0);
  });
});
