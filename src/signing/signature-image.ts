/**
 * A drawn signature is a PNG data URL from the signature pad. It is printed into every PDF of the
 * plan, and pdfkit's PNG decoder throws from a callback outside any request when a PNG is broken,
 * so a drawing is decoded and bounded here, once, before it is ever stored (and again before an
 * old stored one is printed).
 *
 * Decoding uses pngjs (PNG.sync.read) rather than hand-written chunk parsing: it checks every CRC,
 * the filters and the zlib stream, and inflates no more than width × height says. Its full decode
 * allocates width × height × 4 bytes, so the size in the IHDR header is read and bounded first: a
 * 200-byte file claiming 100000 × 100000 pixels is refused without allocating anything.
 */
import { PNG } from "pngjs";
// Problems travel as msgText: the signing page says them in the reader's language.
import { msgText } from "../i18n/translator.ts";

/** Far above a signature pad's canvas (about 600 × 200 at 2× pixel density). */
export const MAX_WIDTH = 2000;
export const MAX_HEIGHT = 1000;
/** Of the PNG file itself, decoded from base64; a pad drawing is 5 to 40 KB. */
export const MAX_BYTES = 200 * 1024;

const PREFIX = "data:image/png;base64,";
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type ImageCheck = { ok: true; png: Buffer; width: number; height: number } | { ok: false; problem: string };

const UNREADABLE = msgText("signing.error.drawingUnreadable");

/** Checks a drawn signature; `problem` is a message for the person signing. */
export function checkSignatureImage(dataUrl: string): ImageCheck {
  if (!dataUrl.startsWith(PREFIX)) return { ok: false, problem: UNREADABLE };
  const base64 = dataUrl.slice(PREFIX.length);
  // Known from the length alone, before decoding anything.
  if (Math.floor((base64.length * 3) / 4) > MAX_BYTES + 2) return { ok: false, problem: tooLarge() };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { ok: false, problem: UNREADABLE };
  const png = Buffer.from(base64, "base64");
  if (png.length > MAX_BYTES) return { ok: false, problem: tooLarge() };
  // The IHDR chunk must come first: 8-byte signature, length 13, "IHDR", width, height.
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.readUInt32BE(8) !== 13 || png.toString("latin1", 12, 16) !== "IHDR") {
    return { ok: false, problem: UNREADABLE };
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width === 0 || height === 0) return { ok: false, problem: UNREADABLE };
  if (width > MAX_WIDTH || height > MAX_HEIGHT) {
    // As strings: a pixel count is not written with thousands separators.
    return { ok: false, problem: msgText("signing.error.drawingPixels", { width: String(width), height: String(height), maxWidth: String(MAX_WIDTH), maxHeight: String(MAX_HEIGHT) }) };
  }
  // 8 bits per channel, not interlaced: what every browser canvas makes, and the one kind whose path
  // through pdfkit's decoder the tests exercise.
  const bitDepth = png[24];
  const interlace = png[28];
  if (bitDepth !== 8 || interlace !== 0) return { ok: false, problem: UNREADABLE };
  try {
    PNG.sync.read(png);
  } catch {
    return { ok: false, problem: UNREADABLE };
  }
  return { ok: true, png, width, height };
}

function tooLarge() {
  return msgText("signing.error.drawingOverKb", { kb: String(MAX_BYTES / 1024) });
}
