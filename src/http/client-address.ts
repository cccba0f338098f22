import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/** The peer's address. Behind a proxy this is the proxy; Coplan does not trust forwarded headers. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}
