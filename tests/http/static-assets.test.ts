/**
 * Issue 21 (d): static files go out compressed, under content-named URLs a browser keeps for a
 * year, chosen by Accept-Encoding; the plain URLs still answer so nothing linked before breaks.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildApp, get } from "../helpers/app.ts";

const ORIGIN = "http://localhost:3000";
const require = createRequire(import.meta.url);
const HTMX = readFileSync(require.resolve("htmx.org/dist/htmx.min.js"));
const APP_CSS = readFileSync(new URL("../../static/app.css", import.meta.url));

type App = Awaited<ReturnType<typeof buildApp>>["raw"];
const fetchWith = (app: App, path: string, acceptEncoding?: string) =>
  app.request(`${ORIGIN}${path}`, { headers: acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding } });

/** The stylesheet and scripts a page links to. */
function linked(html: string): string[] {
  return [...html.matchAll(/<(?:link\b[^>]*rel="stylesheet"[^>]*href|script\b[^>]*src)="([^"]+)"/g)].map((m) => m[1]);
}

describe("static files as sent", () => {
  it("every page links its stylesheet and scripts by content-named URL", async () => {
    const { app, raw } = await buildApp();
    for (const html of [await (await get(raw, "/signin")).text(), await (await get(app, "/caseload")).text()]) {
      const urls = linked(html);
      expect(urls).toContainEqual(expect.stringMatching(/^\/static\/htmx\.min\.[0-9a-f]{10}\.js$/));
      expect(urls).toContainEqual(expect.stringMatching(/^\/static\/app\.[0-9a-f]{10}\.css$/));
      for (const url of urls) expect(url).toMatch(/^\/static\/.+\.[0-9a-f]{10}\.(js|css)$/);
      // signature.js fetches the pad library itself, only where a pad is shown: by its content-named URL too.
      expect(html).toMatch(/data-library="\/static\/vendor\/signature_pad\.[0-9a-f]{10}\.js"/);
    }
  });

  it("serves a hashed URL with a year's immutable cache, brotli or gzip as asked, each decompressing to the file", async () => {
    const { raw } = await buildApp();
    const html = await (await get(raw, "/signin")).text();
    const htmx = linked(html).find((u) => u.includes("htmx"))!;

    const br = await fetchWith(raw, htmx, "gzip, deflate, br");
    expect(br.status).toBe(200);
    expect(br.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(br.headers.get("Vary")).toBe("Accept-Encoding");
    expect(br.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(br.headers.get("Content-Encoding")).toBe("br");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get("Content-Length"))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(HTMX.length / 2);
    expect(brotliDecompressSync(brBytes).equals(HTMX)).toBe(true);

    const gz = await fetchWith(raw, htmx, "gzip");
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(HTMX)).toBe(true);

    // br refused by weight: gzip instead
    const noBr = await fetchWith(raw, htmx, "br;q=0, gzip;q=0.5");
    expect(noBr.headers.get("Content-Encoding")).toBe("gzip");
  });

  it("sends the raw bytes when the browser asks for identity, or says nothing", async () => {
    const { raw } = await buildApp();
    const html = await (await get(raw, "/signin")).text();
    const css = linked(html).find((u) => u.includes("app."))!;
    for (const ask of ["identity", undefined]) {
      const res = await fetchWith(raw, css, ask);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Encoding")).toBeNull();
      expect(res.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
      expect(Buffer.from(await res.arrayBuffer()).equals(APP_CSS)).toBe(true);
    }
  });

  it("answers 404 to a name whose hash matches no file", async () => {
    const { raw } = await buildApp();
    expect((await fetchWith(raw, "/static/app.0123456789.css", "br")).status).toBe(404);
    expect((await fetchWith(raw, "/static/htmx.min.0123456789.js", "br")).status).toBe(404);
  });

  it("still answers the plain URLs, compressed, kept only an hour", async () => {
    const { raw } = await buildApp();
    for (const [path, bytes] of [["/static/htmx.min.js", HTMX], ["/static/app.css", APP_CSS]] as const) {
      const res = await fetchWith(raw, path, "br");
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=3600");
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).equals(bytes)).toBe(true);
    }
    expect((await fetchWith(raw, "/static/vendor/signature_pad.js")).status).toBe(200);
  });
});
