/**
 * A QR code for a link, drawn on the server as inline SVG: the case manager's screen shows it
 * beside the client's review link so the client can point a phone camera at it instead of typing
 * it. SVG markup needs no script and no image request, so the strict CSP stays as it is.
 *
 * The `qrcode` package does the encoding (versions, masking, Reed-Solomon error correction: the
 * part worth a well-tested library); drawing its modules is a few lines, and doing it here keeps
 * this synchronous so a template can call it.
 */
import QRCode from "qrcode";

/** Blank modules around the code: readers need a quiet zone; 2 is enough on a white page. */
const MARGIN = 2;

function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

/**
 * `label` is the accessible name, so a screen reader says what the picture is. The text becomes
 * path data only, so the SVG is safe to output unescaped.
 */
export function qrSvg(text: string, label: string): string {
  // M: about 15% of the code can be smudged or in glare and it still scans.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  let d = "";
  for (let row = 0; row < n; row++) {
    // One horizontal run per stretch of dark modules keeps the path short.
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + MARGIN} ${row + MARGIN}h${col - start}v1h${start - col}z`;
    }
  }
  const size = n + 2 * MARGIN;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" role="img" aria-label="${escapeAttribute(label)}" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
