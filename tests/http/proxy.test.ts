/**
 * Behind a reverse proxy every request comes from the proxy's one address. With
 * COPLAN_TRUST_PROXY naming the proxy, the client's own address is taken from X-Forwarded-For, so
 * each client has its own sign-in budget; without it the header is ignored, so no client can
 * choose its own address and slip out of a lockout.
 */
import { describe, expect, it } from "vitest";
import { addressFrom, proxyMatcher } from "../../src/http/client-address.ts";
import { loadSettings } from "../../src/settings.ts";
import { buildApp, ORIGIN, PASSWORD, tempDir, type Built } from "../helpers/app.ts";

/** A sign-in arriving on a socket from `peer`, carrying `forwarded` as X-Forwarded-For. */
function attempt(built: Built, password: string, peer: string, forwarded?: string) {
  const app = built.raw as unknown as { request: (url: string, init: RequestInit, env: unknown) => Promise<Response> };
  const env = { incoming: { socket: { remoteAddress: peer, remoteFamily: peer.includes(":") ? "IPv6" : "IPv4" }, readableDidRead: true } };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (forwarded) headers["X-Forwarded-For"] = forwarded;
  return app.request(`${ORIGIN}/signin`, { method: "POST", headers, body: new URLSearchParams({ username: "casey", password, next: "/" }) }, env);
}

describe("the client's address behind a trusted proxy", () => {
  const loopback = proxyMatcher(["loopback"]);

  it.each([
    ["no setting: the peer, whatever the header says", "203.0.113.5", "198.51.100.1", proxyMatcher(undefined), "203.0.113.5"],
    ["a peer that is not the proxy: its own address", "203.0.113.5", "198.51.100.1", loopback, "203.0.113.5"],
    ["the proxy: the address it saw", "127.0.0.1", "198.51.100.1", loopback, "198.51.100.1"],
    ["the proxy as an IPv4-mapped IPv6 address", "::ffff:127.0.0.1", "198.51.100.1", loopback, "198.51.100.1"],
    ["a client's forged entry is left of the real one", "127.0.0.1", "10.0.0.1, 198.51.100.1", loopback, "198.51.100.1"],
    ["a chain of trusted proxies is walked from the right", "10.0.0.2", "198.51.100.1, 10.0.0.3", proxyMatcher(["10.0.0.0/24"]), "198.51.100.1"],
    ["the proxy without the header: the proxy", "127.0.0.1", undefined, loopback, "127.0.0.1"],
    ["nonsense in the header: the proxy, never the nonsense", "127.0.0.1", "not-an-address", loopback, "127.0.0.1"],
    ["an address with a port", "127.0.0.1", "198.51.100.1:4711", loopback, "198.51.100.1"],
    ["IPv6 in brackets with a port", "::1", "[2001:db8::1]:4711", loopback, "2001:db8::1"],
  ])("%s", (_, peer, header, trusted, expected) => {
    expect(addressFrom(peer, header, trusted)).toBe(expected);
  });

  it("refuses a setting that is not a list of addresses", () => {
    expect(() => loadSettings({ COPLAN_TRUST_PROXY: "yes please" })).toThrow(/COPLAN_TRUST_PROXY/);
    expect(loadSettings({ COPLAN_TRUST_PROXY: "loopback, 10.0.0.0/8, 192.0.2.4" }).trustProxy).toEqual(["loopback", "10.0.0.0/8", "192.0.2.4"]);
    expect(loadSettings({}).trustProxy).toBeUndefined();
  });

  it("gives two clients behind the proxy separate sign-in budgets", async () => {
    const built = await buildApp(tempDir(), undefined, { COPLAN_TRUST_PROXY: "loopback" });
    for (let i = 0; i < 6; i++) expect((await attempt(built, "wrong-password!", "127.0.0.1", "198.51.100.66")).status).toBe(401);
    expect((await attempt(built, PASSWORD, "127.0.0.1", "198.51.100.66")).status).toBe(429);
    // The owner, behind the same proxy from another address, is not locked out by the guesser.
    expect((await attempt(built, PASSWORD, "127.0.0.1", "192.0.2.10")).status).toBe(303);
  }, 60_000);

  it("ignores X-Forwarded-For without the setting, so a locked-out client cannot claim another address", async () => {
    const built = await buildApp();
    for (let i = 0; i < 6; i++) expect((await attempt(built, "wrong-password!", "203.0.113.9", `198.51.100.${i}`)).status).toBe(401);
    expect((await attempt(built, PASSWORD, "203.0.113.9", "192.0.2.10")).status).toBe(429);
  }, 60_000);
});
