/**
 * Sign-in under attack: long usernames are refused before any work, parallel guesses cannot all
 * reach the password check, a lockout falls on the guessing address more than on the account's
 * owner elsewhere, and password hashing has a queue that answers 429 rather than stalling.
 */
import { describe, expect, it } from "vitest";
import type { SignInThrottle } from "../../src/auth/throttle.ts";
import { buildApp, ORIGIN, PASSWORD, text, type Built } from "../helpers/app.ts";

/** A sign-in as from `address` (the node adapter's socket, as getConnInfo reads it). */
function attempt(built: Built, username: string, password: string, address = "203.0.113.7") {
  const app = built.raw as unknown as { request: (url: string, init: RequestInit, env: unknown) => Promise<Response> };
  const env = { incoming: { socket: { remoteAddress: address, remoteFamily: "IPv4" }, readableDidRead: true } };
  return app.request(`${ORIGIN}/signin`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN }, body: new URLSearchParams({ username, password, next: "/" }) }, env);
}

describe("signing in under attack", () => {
  it("refuses a username over 200 characters with a 400 before hashing, and keeps nothing of it", async () => {
    const built = await buildApp();
    const started = performance.now();
    const res = await attempt(built, "a".repeat(250_000), "whatever-password");
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain("That username is too long");
    expect(performance.now() - started).toBeLessThan(150); // no scrypt (~300 ms here) was run
    expect((built.deps.throttle as SignInThrottle).size).toBe(0);
  });

  it("lets only six of 40 parallel guesses at one account reach the password check", async () => {
    const built = await buildApp();
    const results = await Promise.all(Array.from({ length: 40 }, () => attempt(built, "casey", "wrong-password!")));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(34);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const r of results.filter((x) => x.status === 429)) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
  }, 60_000);

  it("locks the guessing address out of the account, while its owner signs in from elsewhere", async () => {
    const built = await buildApp();
    for (let i = 0; i < 6; i++) expect((await attempt(built, "casey", "wrong-password!", "198.51.100.66")).status).toBe(401);
    const attacker = await attempt(built, "casey", PASSWORD, "198.51.100.66");
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get("Retry-After"))).toBeGreaterThan(60);
    const html = text(await attacker.text());
    expect(html).toContain("Too many failed attempts for this account from here");
    expect(html).toContain('value="casey"');
    const owner = await attempt(built, "casey", PASSWORD, "192.0.2.10");
    expect(owner.status).toBe(303);
  }, 60_000);

  it("answers 429 with Retry-After, never 500, when many sign in at once, and a sign-in works after", async () => {
    const built = await buildApp();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => attempt(built, `nobody${i}`, "whatever-password", `10.0.${i}.1`)));
    const statuses = results.map((r) => r.status);
    expect(statuses).not.toContain(500);
    const busy = results.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
      const html = text(await r.text());
      expect(html).toContain("busy checking other sign-ins");
      expect(html).toMatch(/value="nobody\d+"/);
    }
    expect((await attempt(built, "casey", PASSWORD, "10.9.9.9")).status).toBe(303);
  }, 60_000);

  it("lets one address have two sign-ins in progress at once", async () => {
    const built = await buildApp();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(built, `someone${i}`, "whatever-password", "10.1.1.1")));
    expect(results.filter((r) => r.status === 401)).toHaveLength(2);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
  }, 60_000);
});
