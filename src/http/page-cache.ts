/**
 * The conversation page, rendered once per saved version of a plan and per viewer and day, and
 * served again from memory while none of those change. The same person reopening the plan, or the
 * page reloading after an answer, then costs a lookup instead of a render and the practice checks.
 *
 * What the page shows depends only on: the plan's saved version (the key object: the store hands
 * out a new one for every save, and for a file changed on disk), who is looking (the header names
 * them and lists their role's links), the day (coaching and dates), and, for review links, whether
 * one has expired since. A new version of the plan drops its pages with it (a WeakMap).
 */
import { gzipSync } from "node:zlib";
import type { User } from "../auth/users.ts";

interface Page {
  /** As UTF-8 bytes: encoding a page of tens of KB again for every response is itself a cost. */
  html: Uint8Array<ArrayBuffer>;
  /** The same gzipped, made the first time a browser asks for it: a fifth of the bytes to send. */
  gzip?: Uint8Array<ArrayBuffer>;
  /** The page is stale from this moment (ISO time): the next review link to expire. */
  until: string | null;
}

/** The page's bytes for this request: gzipped where the browser accepts it (all do), compressed once per page. */
export function pageBody(page: Page, acceptEncoding: string | undefined): { body: Uint8Array<ArrayBuffer>; gzip: boolean } {
  if (!acceptsGzip(acceptEncoding)) return { body: page.html, gzip: false };
  page.gzip ??= new Uint8Array(gzipSync(page.html));
  return { body: page.gzip, gzip: true };
}

function acceptsGzip(header: string | undefined): boolean {
  const gzip = header?.split(",").find((part) => part.trim().split(";")[0].trim().toLowerCase() === "gzip");
  return gzip !== undefined && !/;\s*q=0(\.0*)?\s*$/.test(gzip);
}

const pages = new WeakMap<object, Map<string, Page>>();
/** Different viewers or days of one version: a handful at most; the oldest goes first. */
const PER_VERSION = 8;

export function viewerKey(user: User | null, days: string[]): string {
  return JSON.stringify([user?.id, user?.role, user?.displayName, ...days]);
}

/** When a page showing these review links must be rendered again: when the first active one expires. */
export function linksChangeAt(links: { expiresAt: string; revokedAt?: string }[], nowIso: string): string | null {
  let first: string | null = null;
  for (const l of links) if (!l.revokedAt && l.expiresAt > nowIso && (first === null || l.expiresAt < first)) first = l.expiresAt;
  return first;
}

export function cachedPage(version: object, viewer: string, nowIso: string, render: () => { html: string; until: string | null }): Page {
  let forVersion = pages.get(version);
  if (!forVersion) pages.set(version, (forVersion = new Map()));
  const hit = forVersion.get(viewer);
  if (hit && (hit.until === null || nowIso < hit.until)) return hit;
  const rendered = render();
  const page: Page = { html: new Uint8Array(Buffer.from(rendered.html, "utf8")), until: rendered.until };
  forVersion.delete(viewer);
  forVersion.set(viewer, page);
  if (forVersion.size > PER_VERSION) forVersion.delete(forVersion.keys().next().value!);
  return page;
}
