/**
 * A drawn signature is decoded and bounded when it is posted: anything that is not a sound PNG of
 * at most 2000 × 1000 pixels and 200 KB is refused with a 422 that keeps what the person entered.
 */
import { randomBytes } from "node:crypto";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { signaturePng } from "../../scripts/support/signature-png.ts";
import { checkSignatureImage } from "../../src/signing/signature-image.ts";

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

function pngOf(width: number, height: number, fill: (data: Buffer) => void = () => {}): Buffer {
  const png = new PNG({ width, height });
  fill(png.data);
  return PNG.sync.write(png);
}

/** Only a header: the size it claims is never allocated. */
function headerOnly(width: number, height: number): Buffer {
  const full = pngOf(1, 1);
  full.writeUInt32BE(width, 16);
  full.writeUInt32BE(height, 20);
  return full;
}

const pad = signaturePng(7);
const padBytes = Buffer.from(pad.split(",")[1], "base64");

const BAD: [string, string, RegExp][] = [
  ["a truncated PNG", dataUrl(padBytes.subarray(0, Math.floor(padBytes.length / 2))), /could not be read/],
  ["a JPEG sent as a PNG", dataUrl(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)])), /could not be read/],
  ["a PNG 3000 pixels wide", dataUrl(pngOf(3000, 100)), /3000 × 100 pixels; at most 2000 × 1000/],
  ["a header claiming 100000 × 100000", dataUrl(headerOnly(100_000, 100_000)), /100000 × 100000 pixels/],
  ["a PNG over 200 KB", dataUrl(pngOf(300, 200, (d) => randomBytes(d.length).copy(d))), /larger than 200 KB/],
];

async function atSigning() {
  const built = await buildApp();
  const plan = await planAtReview(built.store, built.user.id);
  const rev = async () => String((await built.store.get(plan.id))!.rev);
  expect((await post(built.app, `/plans/${plan.id}/next`, { rev: await rev() })).status).toBe(303);
  expect((await post(built.app, `/plans/${plan.id}/consent`, { rev: await rev(), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
  return { ...built, plan, rev };
}

describe("a drawn signature on upload", () => {
  it.each(BAD)("refuses %s with a 422 that keeps the typed name and the tick", async (_name, image, message) => {
    const { app, store, plan, rev } = await atSigning();
    const before = await rev();
    const res = await post(app, `/plans/${plan.id}/sign`, { rev: before, party: "client", typedName: "Amira Haddad", image, agree: "yes" });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toMatch(message);
    expect(html).toContain('value="Amira Haddad"');
    expect(html).toMatch(/name="agree" value="yes" required checked/);
    expect(await rev()).toBe(before);
  });

  it("takes a drawing from the signature pad, and the plan's PDF prints it", async () => {
    const { app, store, plan, rev } = await atSigning();
    let res = await post(app, `/plans/${plan.id}/sign`, { rev: await rev(), party: "client", typedName: "Amira Haddad", image: pad, agree: "yes" });
    expect(res.status).toBe(303);
    res = await post(app, `/plans/${plan.id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Jo Smith", agree: "yes" });
    expect(res.status).toBe(303);
    const sealed = (await store.get(plan.id))!.sealed!;
    expect((sealed.signatures as { image?: string }[])[0].image).toBe(pad);
    const pdf = await get(app, `/plans/${plan.id}/retainer.pdf?copy=client`);
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1")).toMatch(/\/Subtype \/Image/);
  });
});

describe("checkSignatureImage", () => {
  it("reads the size from the header without decoding a claimed 100000 × 100000 image", () => {
    const before = process.memoryUsage().arrayBuffers;
    const r = checkSignatureImage(dataUrl(headerOnly(100_000, 100_000)));
    expect(r.ok).toBe(false);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10_000_000);
  });

  it("accepts the largest size allowed", () => {
    const r = checkSignatureImage(dataUrl(pngOf(2000, 1000)));
    expect(r).toMatchObject({ ok: true, width: 2000, height: 1000 });
  });
});
