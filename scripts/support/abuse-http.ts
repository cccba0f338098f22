/**
 * A small HTTP client for `npm run test:abuse`, on node:http rather than fetch: an attacker sets
 * the Host header, picks the source address (127.0.0.2 is another "machine" on loopback) and
 * holds a socket open half-sent, none of which fetch allows.
 */
import { request } from "node:http";
import { connect } from "node:net";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

export interface Call {
  method?: string;
  cookie?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The source address on loopback, e.g. "127.0.0.2"; 127.0.0.1 by default. */
  from?: string;
}

/** The body is kept up to 2 MB: enough to look for words in any page, never a memory risk here. */
const KEEP = 2 * 1024 * 1024;

export function call(base: string, path: string, opts: Call = {}): Promise<Reply> {
  const url = new URL(path, base);
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  const headers: Record<string, string> = {
    ...(opts.cookie ? { Cookie: opts.cookie } : {}),
    ...(body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)), Origin: url.origin } : {}),
    ...opts.headers,
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? (body !== undefined ? "POST" : "GET"), headers, localAddress: opts.from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (d: Buffer) => {
          if (kept < KEEP) chunks.push(d);
          kept += d.length;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${path} within 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** A session cookie from a successful sign-in, or an error naming the status. */
export async function signInAs(base: string, username: string, password: string, from?: string): Promise<string> {
  const r = await call(base, "/signin", { form: { username, password, next: "/" }, from });
  if (r.status !== 303) throw new Error(`sign-in as ${username} answered ${r.status}`);
  const cookie = r.headers["set-cookie"];
  return (Array.isArray(cookie) ? cookie[0] : (cookie ?? "")).split(";")[0];
}

/** The plan's current revision, read from its page's hidden rev field. */
export async function revOf(base: string, cookie: string, planId: string): Promise<number> {
  const r = await call(base, `/plans/${planId}`, { cookie });
  const m = r.body.match(/name="rev" value="(\d+)"/);
  if (!m) throw new Error(`no revision on the page of ${planId} (status ${r.status})`);
  return Number(m[1]);
}

/**
 * Sends the start of a request and nothing more, then waits for the server to close the socket.
 * Resolves with how long that took, or null if it was still open after `waitMs`.
 */
export function slowHeaders(base: string, waitMs: number): Promise<number | null> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(url.port), url.hostname, () => socket.write("GET /signin HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on("data", () => {}); // a 408 may come first; the close is what counts
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
    socket.on("error", () => {});
  });
}
