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

/** The few pdfkit internals the page headers need (pdfkit draws images this way itself). */
interface Font {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], unknown];
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
 * at the top right (known when the copy ends). Call `startCopy` before the copy's first page and
 * `endCopy` after its last; the header is drawn on every page added in between.
 */
export function pageHeaders(pdf: PDFKit.PDFDocument, opts: { margin: number; top: number; size: number; bold: string; regular: string }) {
  const doc = pdf as unknown as Internals;
  // The fonts' objects, taken once (doc.font is the only way to reach them), so drawing a header
  // never changes the font of the text being set when a page breaks.
  const current = doc._font;
  doc.font(opts.bold);
  const bold = doc._font;
  doc.font(opts.regular);
  const regular = doc._font;
  if (current) doc._font = current;

  let label = "";
  let pending: Ref[] = [];
  let count = 0;

  /** Text as content stream operators, at (x, top) in pdfkit's top-down coordinates. */
  const text = (font: Font, s: string, x: number, height: number) => {
    const y = height - opts.top - (font.ascender / 1000) * opts.size;
    const [glyphs] = font.encode(s);
    return `BT 1 0 0 1 ${num(x)} ${num(y)} Tm /${font.id} ${opts.size} Tf <${glyphs.join("")}> Tj ET`;
  };

  pdf.on("pageAdded", () => {
    const { width, height } = doc.page;
    const ref = doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, 0, width, height], Resources: { Font: { [bold.id]: bold.ref(), [regular.id]: regular.ref() } } });
    (ref as unknown as { size: [number, number] }).size = [width, height];
    const name = `Header${++count}`;
    doc.page.xobjects[name] = ref;
    // pdfkit's pages draw top-down; the header is drawn in PDF's own bottom-up space.
    doc.addContent(`q 1 0 0 -1 0 ${num(height)} cm /${name} Do Q`);
    pending.push(ref);
  });

  return {
    startCopy(copyLabel: string) {
      label = copyLabel;
      pending = [];
    },
    endCopy() {
      pending.forEach((ref, i) => {
        const [width, height] = (ref as unknown as { size: [number, number] }).size;
        const page = `Page ${i + 1} of ${pending.length}`;
        const right = width - opts.margin - regular.widthOfString(page, opts.size);
        ref.end(`${text(bold, label, opts.margin, height)}\n${text(regular, page, right, height)}`);
      });
      pending = [];
    },
  };
}

/**
 * The document as a web stream, made in steps (one per copy). The first step runs before this
 * returns, so an error in it is the request's own error (its error page) and not a broken
 * download; later steps run as the client reads, after a turn of the event loop so other requests
 * are served between copies. An error in a later step ends the download (the client sees a failed
 * download) and is logged; it never escapes the request.
 */
export async function pdfStream(pdf: PDFKit.PDFDocument, steps: (() => void)[]): Promise<ReadableStream<Uint8Array>> {
  let chunks: Buffer[] = [];
  let failure: unknown = null;
  pdf.on("data", (c: Buffer) => chunks.push(c));
  pdf.on("error", (err) => (failure ??= err));
  const ended = new Promise<void>((resolve) => pdf.on("end", () => resolve()));
  const take = () => {
    if (failure) throw failure;
    const out = Buffer.concat(chunks);
    chunks = [];
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };

  // pdfkit's bytes arrive as 'data' events a tick after it writes them: a turn of the event loop
  // after each step, and they are all in `chunks`.
  let next = 0;
  steps[next++]();
  await nextTurn();
  let ready: Uint8Array | null = take();

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (ready) {
          controller.enqueue(ready);
          ready = null;
          return;
        }
        await nextTurn();
        if (next < steps.length) {
          steps[next++]();
          await nextTurn();
          controller.enqueue(take());
          return;
        }
        pdf.end();
        await ended;
        controller.enqueue(take());
        controller.close();
      } catch (err) {
        console.error("A PDF could not be finished:", err);
        controller.error(err);
      }
    },
    cancel() {
      // The client went away: stop making the rest. What was made is garbage with `pdf`.
      next = steps.length + 1;
      chunks = [];
    },
  });
}
