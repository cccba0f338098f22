/**
 * What a browser fetches to show a page the first time: the HTML and every stylesheet and script
 * it links to (found in the page itself, so a newly added script is counted too), each gzipped
 * as a server or proxy would send it.
 */
import { gzipSync } from "node:zlib";

export interface FirstLoad {
  gzipBytes: number;
  parts: { path: string; bytes: number; gzipBytes: number }[];
}

export async function firstLoad(base: string, path: string, cookie: string): Promise<FirstLoad> {
  const page = await fetch(`${base}${path}`, { headers: { Cookie: cookie } });
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const html = Buffer.from(await page.arrayBuffer());
  const text = html.toString("utf8");
  const assets = new Set<string>();
  for (const m of text.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) assets.add(m[1]);
  for (const m of text.matchAll(/<script\b[^>]*src="([^"]+)"/g)) assets.add(m[1]);
  const parts = [{ path, bytes: html.length, gzipBytes: gzipSync(html).length }];
  for (const asset of assets) {
    const res = await fetch(new URL(asset, `${base}${path}`));
    if (res.status !== 200) throw new Error(`${asset} answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    parts.push({ path: asset, bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  return { gzipBytes: parts.reduce((s, p) => s + p.gzipBytes, 0), parts };
}
