/** The QR code's SVG: a picture a screen reader names, its name escaped, its modules drawn. */
import { describe, expect, it } from "vitest";
import { qrSvg } from "../../src/http/qr-svg.ts";

describe("qrSvg", () => {
  it("is an image named by its label, with the label escaped", () => {
    const svg = qrSvg("https://coplan.example/r/p1/token", 'QR code for "Amira" & <family>');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-label="QR code for &quot;Amira&quot; &amp; &lt;family&gt;"');
    expect(svg).not.toContain("coplan.example"); // the link is only drawn, never written out
  });

  it("draws a square code with its quiet zone, larger for a longer link", () => {
    const size = (svg: string) => Number(svg.match(/viewBox="0 0 (\d+) \1"/)![1]);
    const short = qrSvg("hi", "QR code");
    const long = qrSvg(`https://coplan.example/r/${"x".repeat(16)}/${"y".repeat(43)}`, "QR code");
    expect(size(short)).toBe(21 + 4); // version 1 is 21 modules, plus 2 blank on each side
    expect(size(long)).toBeGreaterThan(size(short));
    expect(short).toMatch(/<path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"/);
  });
});
