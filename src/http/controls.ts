/**
 * Control characters: invisible, never part of anyone's words, and trouble wherever they land (a
 * NUL in a redirect's Location header, a line break in a calendar feed, a bell in a PDF).
 *
 * C0 is U+0000–U+001F and DEL U+007F; C1 is U+0080–U+009F. Nothing else is touched: U+200D (the
 * zero-width joiner inside emoji sequences), U+200E/U+200F (bidi marks), combining marks and every
 * script are characters of words and stay exactly as typed.
 */
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";

/** Any control character at all: none belongs in an address, a name or an id. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The controls dropped from free text: all but tab and newline (line breaks are normalised first). */
const STRIPPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Free text as it should be kept: line breaks as LF (browsers send a textarea's as CRLF; the HTML
 * standard normalises CR and CRLF to LF the same way), other controls but tab removed.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(STRIPPED, "");
}

export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // malformed escapes are left to the route; they cannot hide a control character
  }
}

/**
 * Refuses an address whose path or query holds a control character (percent-encoded; a raw one
 * cannot reach here), before any route uses a piece of it as an id, a file name or a redirect. One
 * check for every route, present and future, instead of one per parameter.
 */
export const refuseControlAddresses: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  if (hasControl(decoded(url.pathname)) || hasControl(decoded(url.search))) {
    throw new HTTPException(400, { message: "This address contains characters that cannot be part of a Coplan address. Check the link, or start again from the home page." });
  }
  await next();
};
