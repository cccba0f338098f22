/**
 * A pdfkit document sent as a stream, holding little of it in memory.
 *
 * pdfkit writes a page out when the next one starts, unless it buffers pages (bufferPages). The
 * retainer used to buffer all three copies to print "Page X of Y" at the end, and a long plan in
 * Arabic or Chinese ran the heap out: a page's uncompressed content held in memory is many times
 * its size in the file. Here no page is buffered. Each page draws its header as a small form
 * XObject whose content is written once its copy's page count is known, so only those few bytes
 * wait; and the document is made one copy at a time, each copy's (compressed) bytes handed to the
 * response before the next is made, when the client asks for more.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { BusyError, Slots } from "../slots.ts";

/** The few pdfkit internals the page headers need (pdfkit draws images this way itself). */
interface Font {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: string[]): [string[], unknown];
  widthOfString(text: string, size: number): number;
}
interface Ref {
  end(chunk?: string): void;
}
interface Internals {
  _font: Font;
  page: { width: number; height: number; xobjects: Record<string, unknown> };
  ref(data: Record<string, unknown>): Ref;
  addContent(op: string): unknown;
  font(name: string): unknown;
}

const num = (n: number) => Math.round(n * 100) / 100;

/**
 * Headers for each page: a label at the top left (known when the page starts) and "Page X of Y"
 * at the top right (known when the copy ends), in the copy's own language. Call `startCopy` before
 * the copy's first page and `endCopy` after its last; the header is drawn on every page added in
 * between. Text is split into script runs, each set in its font (Arabic shaped by fontkit), as the
 * body text is.
 */
export function pageHeaders<F extends string>(
  pdf: PDFKit.PDFDocument,
  opts: { margin: number; top: number; size: number; runs: (text: string) => { face: F; text: string }[]; font: (face: F, bold: boolean) => string },
) {
  const doc = pdf as unknown as Internals;
  // The fonts' objects, taken once each (doc.font is the only way to reach them), so drawing a
  // header never changes the font of the text being set when a page breaks.
  const fonts = new Map<string, Font>();
  const fontNamed = (name: string): Font => {
    let f = fonts.get(name);
    if (!f) {
      const current = doc._font;
      doc.font(name);
      f = doc._font;
      if (current) doc._font = current;
      fonts.set(name, f);
    }
    return f;
  };
  const pieces = (s: string, bold: boolean) => opts.runs(s).map((run) => ({ font: fontNamed(opts.font(run.face, bold)), text: run.text }));

  let label = "";
  let pageText: (page: number, pages: number) => string = (page, pages) => `Page ${page} of ${pages}`;
  let used: Font[] = [];
  let pending: Ref[] = [];
  let count = 0;

  /** Text as content stream operators, at (x, top) in pdfkit's top-down coordinates, run by run. */
  const text = (runs: { font: Font; text: string }[], x: number, height: number) =>
    runs
      .map((run) => {
        const y = height - opts.top - (run.font.ascender / 1000) * opts.size;
        // Laid out whole (features given), as the body text's right-to-left runs are: see retainer-pdf.ts.
        const [glyphs] = run.font.encode(run.text, []);
        const op = `BT 1 0 0 1 ${num(x)} ${num(y)} Tm /${run.font.id} ${opts.size} Tf <${glyphs.join("")}> Tj ET`;
        x += run.font.widthOfString(run.text, opts.size);
        return op;
      })
      .join("\n");
  const widthOf = (runs: { font: Font; text: string }[]) => runs.reduce((w, run) => w + run.font.widthOfString(run.text, opts.size), 0);

  pdf.on("pageAdded", () => {
    const { width, height } = doc.page;
    const ref = doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, 0, width, height], Resources: { Font: Object.fromEntries(used.map((f) => [f.id, f.ref()])) } });
    (ref as unknown as { size: [number, number] }).size = [width, height];
    const name = `Header${++count}`;
    doc.page.xobjects[name] = ref;
    // pdfkit's pages draw top-down; the header is drawn in PDF's own bottom-up space.
    doc.addContent(`q 1 0 0 -1 0 ${num(height)} cm /${name} Do Q`);
    pending.push(ref);
  });

  return {
    startCopy(copyLabel: string, pageWords?: (page: number, pages: number) => string) {
      label = copyLabel;
      if (pageWords) pageText = pageWords;
      pending = [];
      // Every font the header may use, known now: the label's and those of the page count's words.
      used = [...new Set([...pieces(label, true), ...pieces(pageText(1, 1), false), ...pieces(pageText(99, 99), false)].map((p) => p.font))];
    },
    endCopy() {
      pending.forEach((ref, i) => {
        const [width, height] = (ref as unknown as { size: [number, number] }).size;
        const page = pieces(pageText(i + 1, pending.length), false);
        const right = width - opts.margin - widthOf(page);
        ref.end(`${text(pieces(label, true), opts.margin, height)}\n${text(page, right, height)}`);
      });
      pending = [];
    },
  };
}

/** Yielded by the work at the end of each copy. */
export const COPY_DONE = Symbol("copy done");

/**
 * PDFs being made at once: each holds its fonts and a page or so, ~10 MB of heap and ~35 MB
 * outside it, for as long as its client takes to read it; unbounded, thirty slow downloads would
 * run the 256 MB heap out. Past the queue the route answers 503 with Retry-After.
 */
export const PDF_SLOTS = { running: 3, waiting: 6 };
export class PdfBusyError extends BusyError {}
export const pdfSlots = new Slots(PDF_SLOTS, (seconds) => new PdfBusyError("Coplan is busy making other PDFs.", seconds));

/** A download still unread after this long gives its slot back (a client that stopped reading). */
export const MAX_STREAM_MS = 5 * 60_000;
/** Work between turns of the event loop, so other requests are served while a long PDF is made. */
const SLICE_MS = 25;
/** Bytes gathered before they are handed to the response. */
const HAND_OVER = 256 * 1024;

/**
 * The document as a web stream. `work` draws it, yielding at points where it may pause and
 * COPY_DONE after each copy. The first copy is made before this returns, a slice at a time with
 * turns of the event loop between, so an error in it is the request's own (its error page) and
 * not a broken download; the same data make every copy. The rest is made as the client reads.
 * An error later ends the download (the client sees a failed download) and is logged; it never
 * escapes the request. `release` is called once, when the stream ends, fails or is abandoned.
 */
export async function pdfStream(pdf: PDFKit.PDFDocument, work: Iterator<unknown>, release: () => void): Promise<ReadableStream<Uint8Array>> {
  let chunks: Buffer[] = [];
  let size = 0;
  let failure: unknown = null;
  pdf.on("data", (c: Buffer) => {
    chunks.push(c);
    size += c.length;
  });
  pdf.on("error", (err) => (failure ??= err));
  const ended = new Promise<void>((resolve) => pdf.on("end", () => resolve()));
  const take = () => {
    if (failure) throw failure;
    const out = Buffer.concat(chunks);
    chunks = [];
    size = 0;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };

  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    chunks = [];
    release();
  };
  const deadline = setTimeout(() => {
    if (finished) return;
    finish();
    controller?.error(new Error("The PDF was not read in time."));
  }, MAX_STREAM_MS);
  deadline.unref();

  /** Draws for a slice of time; says whether a copy ended, all is drawn, or there is more. */
  const slice = (): "more" | "copy" | "done" => {
    const start = performance.now();
    for (;;) {
      const r = work.next();
      if (r.done) return "done";
      if (r.value === COPY_DONE) return "copy";
      if (performance.now() - start > SLICE_MS) return "more";
    }
  };
  // pdfkit's bytes arrive as 'data' events a tick after it writes them: after a turn of the event
  // loop they are all in `chunks`.
  const drawUntil = async (enough: () => boolean) => {
    let state: "more" | "copy" | "done";
    do {
      state = slice();
      await nextTurn();
      if (finished) throw new Error("The PDF was abandoned.");
    } while (state === "more" && !enough());
    return state;
  };

  let state: "more" | "copy" | "done";
  let ready: Uint8Array | null;
  try {
    state = await drawUntil(() => false);
    ready = take();
  } catch (err) {
    finish();
    throw err;
  }

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull(c) {
      try {
        if (ready) {
          c.enqueue(ready);
          ready = null;
          return;
        }
        // Each pull hands over some bytes (a read left waiting would never ask again).
        while (state !== "done") {
          state = await drawUntil(() => size >= HAND_OVER);
          if (size > 0) {
            c.enqueue(take());
            return;
          }
        }
        pdf.end();
        await ended;
        c.enqueue(take());
        c.close();
        finish();
      } catch (err) {
        if (!finished) console.error("A PDF could not be finished:", err);
        finish();
        c.error(err);
      }
    },
    cancel() {
      // The client went away: stop making the rest. What was made is garbage with `pdf`.
      finish();
    },
  });
}
