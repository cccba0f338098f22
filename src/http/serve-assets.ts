/**
 * Serves the static files from memory (see assets.ts). A content-named URL is kept by the browser
 * for a year: its bytes can never change. The plain URL (/static/app.css) still answers, kept for
 * an hour, so a page cached before the names changed, or a bookmark, still works. Anything not in
 * the table (an unknown hash included) falls through to the next handler and so to a 404.
 */
import type { MiddlewareHandler } from "hono";
import { chooseEncoding } from "./accept-encoding.ts";
import { assets } from "./assets.ts";

const FOREVER = "public, max-age=31536000, immutable";
const AN_HOUR = "public, max-age=3600";

export const serveAssets: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
  const asset = assets().byPath.get(c.req.path);
  if (asset === undefined) return next();
  const { bytes, encoding } = asset.body(chooseEncoding(c.req.header("Accept-Encoding")));
  c.header("Content-Type", asset.type);
  c.header("Cache-Control", c.req.path === asset.url ? FOREVER : AN_HOUR);
  c.header("Vary", "Accept-Encoding");
  if (encoding !== "identity") c.header("Content-Encoding", encoding);
  c.header("Content-Length", String(bytes.length));
  return c.body(bytes);
};
