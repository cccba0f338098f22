/**
 * The HTTP server's limits for slow and greedy connections, and the one call that listens.
 * Node's defaults let a client hold a connection for a minute while it trickles its headers
 * (headersTimeout 60 s) and five minutes for a request (requestTimeout 300 s): a few hundred such
 * "slowloris" connections tie up the server's sockets and memory. Each limit below is far above
 * what Coplan's own pages need on a poor phone connection, and far below what an attack needs.
 */
import type { ServerType } from "@hono/node-server";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export const SERVER_LIMITS = {
  /** Headers are under 2 KB (a session cookie and the browser's usual set): 10 s is ample even on 2G. */
  headersTimeout: 10_000,
  /**
   * The whole request, body included. The largest body allowed is 256 KB (see MAX_BODY in app.ts;
   * a drawn signature is about 30 KB), which a 64 kbit/s link sends in about 33 s.
   */
  requestTimeout: 60_000,
  /**
   * An idle kept-alive connection is closed after 5 s (node's own default, made explicit): long
   * enough for a page's scripts and styles to reuse it. A proxy in front should close its idle
   * upstream connections sooner than this, or it may send a request on a socket being closed.
   */
  keepAliveTimeout: 5_000,
  /** How often node checks the two timeouts above (default 30 s, which would let them overrun by as much). */
  connectionsCheckingInterval: 2_000,
  /**
   * 8 KB of headers at most (node allows 16 KB): nginx's and most proxies' default buffer, four
   * times what a browser sends here; past it node answers 431 without calling Coplan.
   */
  maxHeaderSize: 8 * 1024,
} as const;

export function listen(fetch: (request: Request, env?: unknown) => Response | Promise<Response>, where: { port: number; host: string }, onListening?: (info: AddressInfo) => void): ServerType {
  return serve({ fetch, port: where.port, hostname: where.host, serverOptions: { ...SERVER_LIMITS } }, onListening);
}
