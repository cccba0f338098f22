/**
 * The files under /static: our own (static/) and the browser libraries taken straight from their
 * npm packages (so they always match the installed version). Each is read once per process and
 * named by its content, /static/app.3f2a9c1e07.css, so a browser may keep it for a year
 * (`immutable`) and an edit gets a new name. They are sent compressed, brotli or gzip, made at
 * the highest level on first request and kept: a handful of small files, a few hundred KB at most.
 *
 * The table is built once per process: an edit to static/ shows after a restart.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, posix, relative, sep } from "node:path";
import { STATIC_DIR } from "../paths.ts";
import { compress, type Encoding } from "./accept-encoding.ts";

const require = createRequire(import.meta.url);
/** Browser libraries by the name they are served under. */
const VENDOR: Record<string, () => string> = {
  "htmx.min.js": () => require.resolve("htmx.org/dist/htmx.min.js"),
  // signature_pad's "exports" hide its dist folder; find it beside the package's entry point.
  "vendor/signature_pad.js": () => join(dirname(require.resolve("signature_pad")), "signature_pad.umd.min.js"),
};

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".ico": "image/x-icon",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
/** Already compressed: another pass only costs time. */
const PACKED = new Set([".png", ".woff2"]);

export class Asset {
  private readonly encoded = new Map<Encoding, Buffer<ArrayBuffer>>();
  constructor(
    /** Its name under /static, e.g. "app.css" or "vendor/signature_pad.js". */
    readonly name: string,
    readonly raw: Buffer<ArrayBuffer>,
    readonly type: string,
    /** The URL named by its content: /static/app.3f2a9c1e07.css. */
    readonly url: string,
  ) {}

  /** The bytes to send for an encoding, and the encoding they are really in (identity when compressing would not shrink them). */
  body(want: Encoding): { bytes: Buffer<ArrayBuffer>; encoding: Encoding } {
    if (want === "identity" || PACKED.has(extname(this.name))) return { bytes: this.raw, encoding: "identity" };
    let bytes = this.encoded.get(want);
    if (bytes === undefined) {
      bytes = compress(this.raw, want, "best");
      this.encoded.set(want, bytes);
    }
    return bytes.length < this.raw.length ? { bytes, encoding: want } : { bytes: this.raw, encoding: "identity" };
  }
}

export interface AssetTable {
  /** By plain path (/static/app.css) and by hashed URL (/static/app.3f2a9c1e07.css). */
  byPath: Map<string, Asset>;
  /** By name under /static, e.g. "app.css". */
  byName: Map<string, Asset>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function hashedUrl(name: string, raw: Buffer): string {
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 10);
  const ext = extname(name);
  return `/static/${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

export function loadAssets(staticDir = STATIC_DIR): AssetTable {
  const sources = new Map<string, string>();
  for (const file of filesUnder(staticDir)) sources.set(relative(staticDir, file).split(sep).join(posix.sep), file);
  for (const [name, find] of Object.entries(VENDOR)) sources.set(name, find());
  const table: AssetTable = { byPath: new Map(), byName: new Map() };
  for (const [name, file] of sources) {
    const type = TYPES[extname(name)];
    if (type === undefined) continue; // nothing a page links to
    const raw = readFileSync(file);
    const asset = new Asset(name, raw, type, hashedUrl(name, raw));
    table.byName.set(name, asset);
    table.byPath.set(`/static/${name}`, asset);
    table.byPath.set(asset.url, asset);
  }
  return table;
}

let table: AssetTable | undefined;
/** The process's table, built on first use. */
export function assets(): AssetTable {
  return (table ??= loadAssets());
}

/**
 * The content-named URL of a static file, for templates: asset("app.css") or
 * asset("/static/app.css"). A file the table does not hold (added since start) keeps its plain
 * URL, which is served from disk.
 */
export function asset(name: string): string {
  const plain = name.replace(/^\/static\//, "");
  return assets().byName.get(plain)?.url ?? `/static/${plain}`;
}
