/**
 * Who is asking, by network address: the key of every address-based limit (sign-in throttle, hash
 * queue, audit folding) and what the audit log records.
 *
 * By default it is the socket's peer, and forwarded headers are ignored: any client can send
 * X-Forwarded-For, so trusting it would let one choose its address and step out of a lockout.
 * Behind a reverse proxy, though, every peer is the proxy, and one guesser would lock everyone out.
 * So COPLAN_TRUST_PROXY names the proxies; when the peer is one of them, the client is the
 * right-most entry of X-Forwarded-For that is not itself a trusted proxy. Entries further left were
 * written by the client and are never believed (the usual rule, as in MDN's X-Forwarded-For page).
 */
import { BlockList, isIP } from "node:net";
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./app-env.ts";

export type TrustedProxy = (address: string) => boolean;

/** At most this many entries are read from the right: a chain of proxies is never longer. */
const MAX_HOPS = 20;

/** ::ffff:127.0.0.1 (how a dual-stack socket shows an IPv4 peer) is 127.0.0.1. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** One X-Forwarded-For entry as a bare address, or null: some proxies add a port, IPv6 then in brackets. */
function entryAddress(entry: string): string | null {
  let a = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  return isIP(a) ? plain(a) : null;
}

/** The setting's list as a test of an address; no list trusts nobody. */
export function proxyMatcher(entries: readonly string[] | undefined): TrustedProxy {
  if (!entries?.length) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address, bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(plain(address), isIP(plain(address)) === 6 ? "ipv6" : "ipv4");
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    const a = plain(address);
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
  };
}

/**
 * The client's address, from the socket's peer and the X-Forwarded-For header (pure, for tests:
 * in-process requests have no socket). Nonsense in the header gives the last trusted hop, never
 * the nonsense itself.
 */
export function addressFrom(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxy): string {
  if (!peer) return "unknown";
  let current = plain(peer);
  if (!trusted(current) || !forwardedFor) return current;
  const hops = forwardedFor.split(",").slice(-MAX_HOPS).reverse();
  for (const hop of hops) {
    const address = entryAddress(hop);
    if (address === null) return current;
    current = address;
    if (!trusted(current)) return current;
  }
  return current; // every hop was a trusted proxy: the left-most is as far as anyone can tell
}

/** Built once per settings object: the setting never changes while Coplan runs. */
const matchers = new WeakMap<object, TrustedProxy>();

export function clientAddress(c: Context<AppEnv>): string {
  const settings = c.get("deps").settings;
  let trusted = matchers.get(settings);
  if (!trusted) matchers.set(settings, (trusted = proxyMatcher(settings.trustProxy)));
  // In-process requests (tests, bench:answer) have no socket: asked anyway, getConnInfo throws,
  // and the throw cost such a request more than its page view's own work.
  const hasSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
  let peer: string | undefined;
  try {
    peer = hasSocket ? getConnInfo(c).remote.address : undefined;
  } catch {
    peer = undefined;
  }
  return addressFrom(peer, c.req.header("X-Forwarded-For"), trusted);
}
