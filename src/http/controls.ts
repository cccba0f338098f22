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
import { msgText } from "../i18n/translator.ts";

/** The controls dropped from free text: all but tab and newline (line breaks are normalised first). */
const STRIPPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Free text as it should be kept: line breaks as LF (browsers send a textarea's as CRLF; the HTML
 * standard normalises CR and CRLF to LF the same way), other controls but tab removed.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(STRIPPED, "");
}

/**
 * A control character as it appears, percent-encoded, in an address (a raw one cannot reach here):
 * C0 and DEL are one UTF-8 byte (%00-%1F, %7F), C1 is two (%C2%80-%C2%9F). Matching the encoded
 * form reads the address once, with no decoding and nothing to go wrong on a malformed escape.
 */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;

/**
 * Refuses an address whose path or query holds a control character, before any route uses a
 * piece of it as an id, a file name or a redirect. One check for every route, present and
 * future, instead of one per parameter.
 */
export const refuseControlAddresses: MiddlewareHandler = async (c, next) => {
  if (ENCODED_CONTROL.test(c.req.url)) {
    throw new HTTPException(400, { message: msgText("address.controlCharacters") });
  }
  await next();
};
