/**
 * Where every absolute link Coplan hands out points: review links, calendar addresses, the
 * first-run set-up link, export identifiers. It is COPLAN_ORIGIN when set, else the address
 * Coplan listens on; never the request's Host header, which any client can set, so a link built
 * from it could send a client's review link (and its token) to someone else's site.
 */
import type { Settings } from "../settings.ts";

type Where = Pick<Settings, "origin" | "host" | "port">;

/** Listening on every interface names no host a person can reach; localhost is the honest guess. */
const ANY_HOST = new Set(["", "0.0.0.0", "::", "[::]"]);

export function linkBase(settings: Where): string {
  if (settings.origin) return settings.origin;
  const host = ANY_HOST.has(settings.host) ? "localhost" : settings.host.includes(":") && !settings.host.startsWith("[") ? `[${settings.host}]` : settings.host;
  return new URL(`http://${host}:${settings.port}`).origin;
}

/** An absolute link to a path on this Coplan. */
export function linkTo(settings: Where, path: string): string {
  return new URL(path, linkBase(settings)).toString();
}

/** Said once at start when links cannot be trusted to reach people on other machines. */
export function originWarning(settings: Where): string | null {
  if (settings.origin) return null;
  return `COPLAN_ORIGIN is not set: links Coplan gives out (review links, calendar addresses) point to ${linkBase(settings)}. Set COPLAN_ORIGIN to the address people use, e.g. https://coplan.example.org.`;
}
