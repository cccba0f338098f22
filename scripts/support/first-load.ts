/**
 * What a browser fetches to show a page the first time, counted as it crosses the wire: the HTML
 * and every stylesheet and script it links to (found in the page itself, so a newly added script
 * is counted too), each asked for with a browser's Accept-Encoding and counted in the bytes the
 * server actually sent (compressed if it compressed them, raw if not), headers aside.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

/** What Chromium sends. */
const ACCEPT_ENCODING = "gzip, deflate, br, zstd";

export interface FirstLoad {
  /** Body bytes sent, summed over the page and its files. */
  sentBytes: number;
  parts: { path: string; sentBytes: number; encoding: string; cacheControl: string }[];
}

interface Sent {
  status: number;
  body: Buffer;
  encoding: string;
  cacheControl: string;
}

/** One GET, its body left exactly as sent (node:http does not decompress). */
function getAsSent(url: URL, cookie: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Cookie: cookie, "Accept-Encoding": ACCEPT_ENCODING } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          cacheControl: String(res.headers["cache-control"] ?? ""),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The body as the browser reads it, to find the page's links. */
function decoded(sent: Sent): Buffer {
  if (sent.encoding === "gzip") return gunzipSync(sent.body);
  if (sent.encoding === "br") return brotliDecompressSync(sent.body);
  if (sent.encoding === "identity") return sent.body;
  throw new Error(`cannot read a ${sent.encoding}-encoded page`);
}

export async function firstLoad(base: string, path: string, cookie: string): Promise<FirstLoad> {
  const pageUrl = new URL(path, base);
  const page = await getAsSent(pageUrl, cookie);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const text = decoded(page).toString("utf8");
  const assets = new Set<string>();
  for (const m of text.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) assets.add(m[1]);
  for (const m of text.matchAll(/<script\b[^>]*src="([^"]+)"/g)) assets.add(m[1]);
  const parts: FirstLoad["parts"] = [{ path, sentBytes: page.body.length, encoding: page.encoding, cacheControl: page.cacheControl }];
  for (const asset of assets) {
    const res = await getAsSent(new URL(asset, pageUrl), cookie);
    if (res.status !== 200) throw new Error(`${asset} answered ${res.status}`);
    parts.push({ path: asset, sentBytes: res.body.length, encoding: res.encoding, cacheControl: res.cacheControl });
  }
  return { sentBytes: parts.reduce((s, p) => s + p.sentBytes, 0), parts };
}

/** "page 9.1 (identity) + /static/htmx.min.….js 12.0 (br) + … KB as sent". */
export function describeFirstLoad(fl: FirstLoad): string {
  const name = (p: string) => (p.startsWith("/plans/") ? "page" : p);
  // A file linked by its plain URL is fetched again every hour: the page should name it with h.asset().
  const shortLived = fl.parts.filter((p) => p.path !== fl.parts[0].path && !p.cacheControl.includes("immutable")).map((p) => p.path);
  const note = shortLived.length ? ` (not content-named, so not kept: ${shortLived.join(", ")})` : "";
  return `${fl.parts.map((p) => `${name(p.path)} ${(p.sentBytes / 1024).toFixed(1)} (${p.encoding})`).join(" + ")} = ${(fl.sentBytes / 1024).toFixed(1)} KB as sent${note}`;
}
