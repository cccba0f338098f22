/**
 * The retainer as a PDF, made on the server with pdfkit and Noto fonts from npm, so the client's
 * words come out right in Latin, Arabic (shaped and right-to-left, by fontkit) and Chinese scripts.
 * Each copy numbers its own pages, "Page X of Y" at the top right, with its copy label at the top
 * left; the signatures always start on that copy's final page.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type PDFKitDocument from "pdfkit";
import type { Copy, Retainer } from "./retainer.ts";
import { copyText, type CopyText, plain, type Said } from "./retainer-copy.ts";
import type { Translator } from "../i18n/translator.ts";
import { COPY_DONE, pageHeaders, pdfSlots, pdfStream } from "./pdf-output.ts";
import { checkSignatureImage } from "./signature-image.ts";
import { SEAL_ATTACHMENT_NAME } from "./seal-attachment.ts";

const require = createRequire(import.meta.url);
const fontDir = (pkg: string) => dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
const FONTS = {
  latin: join(fontDir("noto-sans"), "400Regular/NotoSans_400Regular.ttf"),
  latinBold: join(fontDir("noto-sans"), "700Bold/NotoSans_700Bold.ttf"),
  arabic: join(fontDir("noto-sans-arabic"), "400Regular/NotoSansArabic_400Regular.ttf"),
  arabicBold: join(fontDir("noto-sans-arabic"), "700Bold/NotoSansArabic_700Bold.ttf"),
  han: join(fontDir("noto-sans-sc"), "400Regular/NotoSansSC_400Regular.ttf"),
  hanBold: join(fontDir("noto-sans-sc"), "700Bold/NotoSansSC_700Bold.ttf"),
  // fontkit shapes both (Devanagari's conjuncts and reordered vowel signs, Thai's stacked marks): see README.
  devanagari: join(fontDir("noto-sans-devanagari"), "400Regular/NotoSansDevanagari_400Regular.ttf"),
  devanagariBold: join(fontDir("noto-sans-devanagari"), "700Bold/NotoSansDevanagari_700Bold.ttf"),
  thai: join(fontDir("noto-sans-thai"), "400Regular/NotoSansThai_400Regular.ttf"),
  thaiBold: join(fontDir("noto-sans-thai"), "700Bold/NotoSansThai_700Bold.ttf"),
};

/** Scripts the PDF can print; README.md lists them. Other characters print as the Latin font has them. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const HAN = /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;
const DEVANAGARI = /[\u0900-\u097F\uA8E0-\uA8FF]/;
const THAI = /[\u0E00-\u0E7F]/;

export type Face = "latin" | "arabic" | "han" | "devanagari" | "thai";
function faceOf(ch: string): Face | null {
  if (ARABIC.test(ch)) return "arabic";
  if (HAN.test(ch)) return "han";
  if (DEVANAGARI.test(ch)) return "devanagari";
  if (THAI.test(ch)) return "thai";
  if (/[\s\d.,:;!?'"“”‘’()\-–—/]/.test(ch)) return null; // neutral: joins the run it is in
  return "latin";
}

/**
 * Splits text into runs of one script, so each run is set in a font that has its letters. Spaces
 * and punctuation join a run only between letters of its script: a closing quote after Arabic
 * words belongs to the surrounding left-to-right text, or it would be reversed with them. In a
 * right-to-left line (`base`, a fixed text of an Arabic copy), what ends or starts the line beside
 * Arabic words belongs to them: "الصفحة 1 من 3" is one run, its number at the line's left end.
 */
export function scriptRuns(text: string, base: "ltr" | "rtl" = "ltr"): { face: Face; text: string }[] {
  const chars = [...text];
  const faces = chars.map(faceOf);
  const strongAt = (from: number, step: 1 | -1): Face | null => {
    for (let i = from; i >= 0 && i < faces.length; i += step) if (faces[i]) return faces[i];
    return null;
  };
  const runs: { face: Face; text: string }[] = [];
  chars.forEach((ch, i) => {
    let face = faces[i];
    if (!face) {
      const before = strongAt(i - 1, -1);
      const after = strongAt(i + 1, 1);
      // Between two runs of one script it joins them; otherwise the Latin font sets it.
      face = before && before === after ? before : base === "rtl" && (before ?? after) === "arabic" && !(before && after) ? "arabic" : "latin";
    }
    const last = runs.at(-1);
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  });
  return runs;
}

/**
 * fontkit sets an Arabic run by reversing its glyphs, numbers included: "12" would print "21".
 * Each number (with the dots, dashes and slashes inside it: a date) is reversed beforehand, so it
 * prints as written. pdfkit has no bidirectional algorithm to do this (README).
 */
export const numbersForRtl = (text: string): string => text.replace(/[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,:/\-][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g, (n) => [...n].reverse().join(""));

/** Runs as they are handed to pdfkit: Arabic ones with their numbers made ready for fontkit. */
const runsToSet = (text: string, base: "ltr" | "rtl" = "ltr") => scriptRuns(text, base).map((r) => (r.face === "arabic" ? { ...r, text: numbersForRtl(r.text) } : r));

const MARGIN = 50;

/** A4 in points, as pdfkit has it. */
const PAGE_WIDTH = 595.28;

/** The font registered for a script run, regular or bold. */
export const fontFor = (face: Face, bold: boolean): string => (bold ? `${face}Bold` : face);

/**
 * The PDF as a stream, made as the client reads it (signing/pdf-output.ts). Anything wrong before
 * the first copy is made rejects, for the request's error page; PdfBusyError when too many PDFs
 * are being made already. Each copy speaks its sealed languages (retainer-copy.ts); `reader`
 * says the warnings at the top, which are about today and not sealed.
 */
export async function retainerPdf(retainer: Retainer, copies: readonly Copy[], reader?: Pick<Translator, "t" | "lang">): Promise<ReadableStream<Uint8Array>> {
  const release = await pdfSlots.acquire();
  try {
    return await drawRetainer(retainer, copies, reader, release);
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * pdfkit keeps the layout of each word it sets, but not of a run laid out whole (`features` given,
 * as Arabic runs are: see write()), so the line wrapper's measuring and the drawing laid each
 * Arabic run out again and again, doubling the time of a long Arabic plan. Kept here the same way,
 * per document and font, bounded. (pdfkit internals: the font object and its layoutRun.)
 */
function keepWholeRuns(doc: PDFKit.PDFDocument, name: string) {
  const internals = doc as unknown as { _font: { layoutRun(text: string, features?: unknown): unknown } };
  const current = internals._font;
  doc.font(name);
  const font = internals._font;
  if (current) internals._font = current;
  const layoutRun = font.layoutRun.bind(font);
  const kept = new Map<string, unknown>();
  font.layoutRun = (text, features) => {
    let run = kept.get(text);
    if (!run) {
      run = layoutRun(text, features);
      if (kept.size < 5000) kept.set(text, run);
    }
    return run;
  };
}

type WriteOpts = { size?: number; bold?: boolean; gap?: number; indent?: number; width?: number; x?: number; y?: number; align?: "left" | "right"; dir?: "ltr" | "rtl" };
type Write = (text: string, opts?: WriteOpts) => void;

async function drawRetainer(retainer: Retainer, copies: readonly Copy[], reader: Pick<Translator, "t" | "lang"> | undefined, release: () => void): Promise<ReadableStream<Uint8Array>> {
  // Loaded on first use: pdfkit and fontkit cost a third of a second and ~25 MB at start-up.
  const PDFDocument = (await import("pdfkit")).default as typeof PDFKitDocument;
  const texts = copies.map((copy) => copyText(retainer, copy));
  const first = texts[0];
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN + 20, bottom: MARGIN, left: MARGIN, right: MARGIN },
    autoFirstPage: false,
    info: { Title: `${first ? first.title[0].text : ""}: ${retainer.client}`, Creator: "Coplan" },
    lang: first?.lang ?? "en",
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  for (const name of ["arabic", "arabicBold"]) keepWholeRuns(doc, name);
  // The seal travels inside the PDF, so a third party can check the retainer (npm run seal:verify).
  if (retainer.attachment) doc.file(Buffer.from(retainer.attachment, "utf8"), { name: SEAL_ATTACHMENT_NAME, type: "application/json", description: "Coplan seal: check with npm run seal:verify" });
  // The copy being drawn's own direction: its header's words are set in it.
  let copyDir: "ltr" | "rtl" = "ltr";
  const headers = pageHeaders(doc, { margin: MARGIN, top: MARGIN - 25, size: 9.5, runs: (text) => runsToSet(text, copyDir), font: fontFor });

  const width = PAGE_WIDTH - MARGIN * 2;
  const write: Write = (text, opts = {}) => {
    const runs = runsToSet(text, opts.dir);
    doc.fontSize(opts.size ?? 10.5);
    runs.forEach((run, i) => {
      doc.font(fontFor(run.face, opts.bold ?? false));
      const continued = i < runs.length - 1;
      // An Arabic run is laid out whole (`features` makes pdfkit hand fontkit the whole run rather than
      // word by word), so fontkit sets its words right to left in their order and keeps every space;
      // word by word, a wrapped line came out with its words out of order and a space lost.
      const base = { continued, width: opts.width ?? width - (opts.indent ?? 0), lineGap: 2, align: opts.align ?? "left", ...(run.face === "arabic" ? { features: [] } : {}) };
      if (i === 0 && opts.x !== undefined) doc.text(run.text, opts.x, opts.y, base);
      else if (i === 0) doc.text(run.text, MARGIN + (opts.indent ?? 0), doc.y, base);
      else doc.text(run.text, base);
    });
    if (opts.gap) doc.moveDown(opts.gap);
  };
  /** Fixed words on lines of their own: the copy's language first, then the others', smaller; right-to-left ones set from the right. */
  const writeSaid = (said: Said[], opts: WriteOpts = {}) => {
    said.forEach((s, i) => {
      const last = i === said.length - 1;
      write(s.text, { ...opts, size: (opts.size ?? 10.5) * (i === 0 ? 1 : 0.85), gap: last ? opts.gap : 0.05, align: s.dir === "rtl" ? "right" : "left", dir: s.dir });
    });
  };
  const heading = (said: Said[]) => {
    if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    doc.moveDown(0.6);
    writeSaid(said, { size: 13, bold: true, gap: 0.2 });
  };
  // Generators from here on: each yields where the drawing may pause for other requests.
  function* list(items: string[]) {
    for (const item of items) {
      write(`•  ${item}`, { indent: 10, gap: 0.15 });
      yield;
    }
  }

  function* makeCopy(r: CopyText) {
    const own = r.voices[0];
    copyDir = own.dir;
    headers.startCopy(plain(r.label), (page, pages) => own.t("retainer.page", { page, pages }));
    doc.addPage();
    writeSaid(r.title, { size: 17, bold: true });
    write(retainer.client, { size: 17, bold: true, gap: 0.3 });
    for (const w of retainer.warnings) write(`${reader?.t("retainer.warningPrefix") ?? "Warning:"} ${reader?.t(`retainer.warning.${w}`) ?? w}`, { bold: true, gap: 0.3 });
    for (const f of r.facts) write(`${plain(f.name)}: ${plain(f.value)}`, { gap: 0.05 });
    heading(r.heading.goals);
    yield* list(r.goals.map((g) => `${g.issue}: “${g.words}”${g.restatement ? `  (${plain(r.measurable)} ${g.restatement})` : ""}`));
    if (r.declined.length) {
      heading(r.heading.declined);
      yield* list(r.declined.map((x) => `${x.issue}${x.reason ? `: “${x.reason}”` : ""}`));
    }
    heading(r.heading.barriers);
    yield* list(r.barriers.length ? r.barriers.map((b) => `“${b.words}” (${plain(b.category)}; ${b.goal})`) : [plain(r.none)]);
    heading(r.heading.strengths);
    yield* list(r.strengths.length ? r.strengths.map((s) => `“${s.words}” (${plain(s.role)})`) : [plain(r.none)]);
    heading(r.heading.actionPlan);
    yield* actionTable(doc, r, write);
    heading(r.heading.commitments);
    for (const [i, c] of r.commitments.entries()) {
      write(`${i + 1}.  ${c}`, { indent: 10, gap: 0.15 });
      yield;
    }
    // Signatures belong on the final page, together: start a page if they would be split.
    const needed = 60 + r.signatures.length * 95 + (r.voices.length - 1) * 30;
    if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
    heading(r.heading.signatures);
    for (const s of r.signatures) {
      write(plain(s.label), { bold: true });
      // Checked again here: a plan stored before drawings were checked may hold a broken one, and
      // pdfkit's PNG decoder throws where no request can catch it.
      const drawn = s.image ? checkSignatureImage(s.image) : null;
      if (drawn?.ok) {
        doc.image(drawn.png, MARGIN, doc.y, { fit: [220, 60] });
        doc.y += 62;
      } else if (drawn) {
        write(plain(r.drawingMissing));
        write(s.typedName ?? s.name, { size: 16 });
      } else {
        write(s.typedName ?? s.name, { size: 16 });
      }
      write(`${s.name}    ${plain(s.date)}`, { gap: s.note ? 0.1 : 0.6 });
      if (s.note) write(plain(s.note), { size: 9, gap: 0.6 });
    }
    r.voices.forEach((v, i) => {
      const line = (said: Said[]) => said[i].text;
      write(`${line(r.consent)} ${line(r.fingerprint)} ${r.contentHash}. ${line(r.sealLine)}`, { size: 8.5, gap: 0.2, align: v.dir === "rtl" ? "right" : "left", dir: v.dir });
    });
    // Now the copy's page count is known: "Page X of Y" on each of its pages.
    headers.endCopy();
  }
  function* makeCopies() {
    for (const text of texts) {
      yield* makeCopy(text);
      yield COPY_DONE;
    }
  }
  return pdfStream(doc, makeCopies(), release);
}

function* actionTable(doc: PDFKit.PDFDocument, r: CopyText, write: Write) {
  const width = doc.page.width - MARGIN * 2;
  const cols = [0.27, 0.33, 0.18, 0.14, 0.08].map((f) => f * width);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.fontSize(9.5);
    const heights = cells.map((cell, i) => {
      doc.font(bold ? "latinBold" : "latin");
      return doc.heightOfString(cell, { width: cols[i] - 8 }) * (/[\u0600-\u06FF\u4E00-\u9FFF\u0900-\u097F\u0E00-\u0E7F]/.test(cell) ? 1.4 : 1.1);
    });
    const h = Math.max(...heights) + 8;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.rect(x, top, cols[i], h).lineWidth(0.6).stroke("#555555");
      write(cell, { size: 9.5, bold, x: x + 4, y: top + 4, width: cols[i] - 8 });
      x += cols[i];
    });
    doc.x = MARGIN;
    doc.y = top + h;
  };
  drawRow(r.columns.map((c) => c.map((s) => s.text).join("\n")), true);
  for (const row of r.rows) {
    drawRow([row.goal, `${plain(row.kind)}: ${row.description}`, plain(row.responsible) + (row.name ? `: ${row.name}` : ""), plain(row.target), row.done ? "[x]" : "[  ]"], false);
    yield;
  }
}
