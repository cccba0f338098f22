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
import type { User } from "../auth/users.ts";
import { chooseEncoding, compress, type Encoding } from "./accept-encoding.ts";

interface Page {
  /** As UTF-8 bytes: encoding a page of tens of KB again for every response is itself a cost. */
  html: Uint8Array<ArrayBuffer>;
  /**
   * The same compressed, each made the first time a browser asks for it. Browsers take brotli over
   * https, gzip over plain http: a fifth of the bytes to send, or a little less with brotli.
   */
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
  /** The page is stale from this moment (ISO time): the next review link to expire. */
  until: string | null;
}

/**
 * The page's bytes for this request, in the encoding the browser takes, compressed once per page
 * and quickly (accept-encoding.ts), since that is on a request. Fewer bytes cost less
 * to send at both ends too: the bench's page-view load served 8,400–8,574 pages a second with
 * brotli against 7,835–8,081 gzipped (three interleaved runs each).
 */
export function pageBody(page: Page, acceptEncoding: string | undefined): { body: Uint8Array<ArrayBuffer>; encoding: Encoding } {
  const encoding = chooseEncoding(acceptEncoding);
  if (encoding === "identity") return { body: page.html, encoding };
  return { body: (page[encoding] ??= compress(page.html, encoding, "quick")), encoding };
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
