/**
 * Finds the seal a retainer PDF carries as an embedded file (coplan-seal.json, added by
 * retainer-pdf.ts). Reads the PDFs Coplan writes (pdfkit: each embedded file one object with a
 * direct /Length, Flate-compressed or not); not a general PDF parser. Pure.
 */
import { inflateSync } from "node:zlib";
import { SEAL_ATTACHMENT_FORMAT } from "./seal-attachment.ts";

/** The embedded seal's JSON text, or null if the PDF carries none. */
export function sealFromPdf(pdf: Buffer): string | null {
  const text = pdf.toString("latin1");
  for (let at = text.indexOf("/Type /EmbeddedFile"); at >= 0; at = text.indexOf("/Type /EmbeddedFile", at + 1)) {
    const dictStart = text.lastIndexOf("obj", at);
    const streamAt = text.indexOf("stream", at);
    if (dictStart < 0 || streamAt < 0) continue;
    const dict = text.slice(dictStart, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    if (!Number.isSafeInteger(length)) continue;
    // The data starts after "stream" and its end of line (CRLF or LF).
    let start = streamAt + "stream".length;
    if (text[start] === "\r") start++;
    if (text[start] === "\n") start++;
    const raw = pdf.subarray(start, start + length);
    let body: string;
    try {
      body = (/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString("utf8");
    } catch {
      continue;
    }
    try {
      if ((JSON.parse(body) as { format?: unknown }).format === SEAL_ATTACHMENT_FORMAT) return body;
    } catch {
      // another embedded file: not ours
    }
  }
  return null;
}
