/**
 * A drawn signature as the signature pad sends it: a real PNG data URL (transparent canvas, dark
 * anti-aliased strokes), so generated signed plans have the size and shape of real ones.
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A signature-like scrawl, different for each seed. */
export function signaturePng(seed: number, width = 500, height = 150): string {
  let s = seed * 2654435761 || 1;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alpha = new Float32Array(width * height);
  const strokes = 3 + Math.floor(rand() * 3);
  let x = 30;
  for (let k = 0; k < strokes; k++) {
    let y = height / 2 + (rand() - 0.5) * 40;
    const end = Math.min(width - 20, x + 60 + rand() * 120);
    const freq = 0.05 + rand() * 0.1;
    const amp = 15 + rand() * 35;
    for (let px = x; px < end; px += 0.5) {
      const py = y + Math.sin(px * freq) * amp;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const ix = Math.round(px + dx);
          const iy = Math.round(py + dy);
          if (ix < 0 || iy < 0 || ix >= width || iy >= height) continue;
          const d = Math.hypot(px + dx - ix, py + dy - iy, dx, dy);
          alpha[iy * width + ix] = Math.max(alpha[iy * width + ix], Math.max(0, 1 - d / 2.2));
        }
      }
      y += (rand() - 0.5) * 0.6;
    }
    x = end + 10;
  }
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let row = 0; row < height; row++) {
    const o = row * (1 + width * 4);
    raw[o] = 0; // no filter
    for (let col = 0; col < width; col++) {
      const p = o + 1 + col * 4;
      raw[p] = 20;
      raw[p + 1] = 20;
      raw[p + 2] = 60;
      raw[p + 3] = Math.round(alpha[row * width + col] * 255);
    }
  }
  return rgbaPng(width, height, deflateSync(raw));
}

/**
 * An 8-bit RGBA PNG as a data URL, from its header's size and its compressed pixel rows. The two
 * need not agree: test:abuse sends headers that claim more than their data holds.
 */
export function rgbaPng(width: number, height: number, idat: Buffer): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString("base64")}`;
}
