/**
 * Making a PDF never ends the process: a broken drawing stored in an old plan is that PDF's
 * problem (it prints the typed name instead), and the PDF is streamed, one copy at a time.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildApp, get } from "../helpers/app.ts";
import { planWithBrokenDrawing } from "../helpers/broken-drawing.ts";
import { SCRIPTS } from "../../scripts/support/maximal-plan.ts";
import { PDF_SLOTS, pdfSlots } from "../../src/signing/pdf-output.ts";

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  const parts: Uint8Array[] = [];
  for await (const part of stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

describe("the retainer PDF", () => {
  it("prints a plan whose stored drawing cannot be decoded, and the server keeps serving", async () => {
    const { app, deps, store, user } = await buildApp();
    const plan = await planWithBrokenDrawing(store, user.id, deps.signer);
    const res = await get(app, `/plans/${plan.id}/retainer.pdf`);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
    // Long enough for pdfkit's decoder, had it been given the drawing, to have thrown by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await get(app, "/caseload")).status).toBe(200);
  });

  it("is sent as a stream, the first copy before the last is made", async () => {
    const { app, deps, store, user } = await buildApp();
    const plan = await planWithBrokenDrawing(store, user.id, deps.signer);
    const res = await get(app, `/plans/${plan.id}/retainer.pdf`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(1000);
    const rest = await bytesOf(new ReadableStream({ pull: async (c) => { const r = await reader.read(); if (r.done) c.close(); else c.enqueue(r.value); } }));
    const all = Buffer.concat([first.value!, rest]).toString("latin1");
    // Three copies, each numbering its own pages.
    expect(all.match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it("asks the client to come back (503, Retry-After) when too many PDFs are being made, and makes it after", async () => {
    const { app, deps, store, user } = await buildApp();
    const plan = await planWithBrokenDrawing(store, user.id, deps.signer);
    const held = await Promise.all(Array.from({ length: PDF_SLOTS.running }, () => pdfSlots.acquire()));
    const queued = Array.from({ length: PDF_SLOTS.waiting }, () => pdfSlots.acquire());
    const busy = await get(app, `/plans/${plan.id}/retainer.pdf`);
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await busy.text()).toContain("busy making other PDFs");
    held.forEach((release) => release());
    await Promise.all(queued.map((slot) => slot.then((release) => release())));
    const res = await get(app, `/plans/${plan.id}/retainer.pdf?copy=office`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("gives its slot back when the client stops reading", async () => {
    const { app, deps, store, user } = await buildApp();
    const plan = await planWithBrokenDrawing(store, user.id, deps.signer);
    for (let i = 0; i < PDF_SLOTS.running + PDF_SLOTS.waiting + 2; i++) {
      const res = await get(app, `/plans/${plan.id}/retainer.pdf`);
      expect(res.status).toBe(200);
      await res.body!.cancel();
    }
  }, 60_000);

  // Not timed: the largest plan in each script, made under the start script's node flags
  // (--max-old-space-size=256), in a child process each; before the PDF was streamed, Arabic ran
  // that heap out at a third of this size.
  it("renders a plan with every field at its maximum, in Latin, Arabic and Chinese, within the start script's heap", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/pdf-heap.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    for (const script of SCRIPTS) expect(out).toMatch(new RegExp(`^${script} +\\| +\\d+ ms`, "m"));
  }, 240_000);
});
