import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text, type Built } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";
import { WORDS } from "../helpers/plans.ts";
import { sha256Hex } from "../../src/signing/canonical.ts";
import { LIVE_DATA_DIFFERS } from "../../src/signing/seal.ts";

const BROKEN = "This record no longer matches its signatures";
const UNKEYED = "Sealed before keyed seals existed";
const CLIENT_DIFFERS = "Our stored copy of your plan no longer matches the plan you both signed";

/** A signed plan with a review link, its file on disk, ready to be altered there. */
async function signedOnDisk() {
  const built = await buildApp();
  const plan = await signedPlan(built.store, built.user.id);
  const res = await post(built.app, `/plans/${plan.id}/review-links`, { rev: String((await built.store.get(plan.id))!.rev), days: "7" });
  expect(res.status).toBe(201);
  const link = new URL((await res.text()).match(/id="new-review-link">([^<]+)</)![1]);
  await built.store.checkpoint!();
  const file = join(built.dataDir, "plans", `${plan.id}.json`);
  return { built, id: plan.id, link, file };
}

/** What someone who can write the data folder, but holds no key, can do to the plan's file. */
function alter(file: string, change: (doc: any) => void) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  change(doc);
  writeFileSync(file, JSON.stringify(doc));
}

async function reviewPage(built: Built, link: URL): Promise<string> {
  const res = await built.raw.request(link.toString());
  expect(res.status).toBe(303);
  const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
  const page = await built.raw.request(new URL(res.headers.get("Location")!, link).toString(), { headers: { Cookie: cookie } });
  return text(await page.text());
}

async function pdfText(built: Built, id: string): Promise<string | null> {
  const res = await get(built.app, `/plans/${id}/retainer.pdf?copy=record`);
  expect(res.status).toBe(200);
  if (!existsSync("/usr/bin/pdftotext")) {
    if (process.env.CI === "true") throw new Error("pdftotext (poppler-utils) is missing in CI");
    return null;
  }
  return execFileSync("pdftotext", ["-", "-"], { input: Buffer.from(await res.arrayBuffer()) }).toString().replace(/\s+/g, " ");
}

const page = async (built: Built, path: string) => text(await (await get(built.app, path)).text());

describe("a signed plan's seal, on every page that shows it", () => {
  it("raises no flag on an untouched plan", async () => {
    const { built, id, link } = await signedOnDisk();
    for (const path of [`/plans/${id}`, `/plans/${id}/handover`, `/plans/${id}/retainer`]) {
      const html = await page(built, path);
      expect(html, path).not.toContain(LIVE_DATA_DIFFERS);
      expect(html, path).not.toContain(BROKEN);
      expect(html, path).not.toContain(UNKEYED);
    }
    expect(await reviewPage(built, link)).not.toContain(CLIENT_DIFFERS);
    const exported = await (await get(built.app, `/plans/${id}/export.json`)).json();
    expect(exported).toMatchObject({ integrity: "verified", liveData: "matches-seal" });
    expect(exported.warnings).toBeUndefined();
    expect(exported.seal.keyId).toBe(built.deps.signer.keyId);
  });

  it("flags a plan whose stored data was changed after signing: plan page, handover, review page, retainer, PDF and exports", async () => {
    const { built, id, link, file } = await signedOnDisk();
    alter(file, (doc) => {
      doc.snapshot.context.data.goals[0].clientWords = "I want to move out";
    });
    for (const path of [`/plans/${id}`, `/plans/${id}/handover`, `/plans/${id}/retainer`]) {
      expect(await page(built, path), path).toContain(LIVE_DATA_DIFFERS);
    }
    const review = await reviewPage(built, link);
    expect(review).toContain(CLIENT_DIFFERS);
    expect(review).toContain(WORDS.arabic); // the client sees what was signed
    expect(review).not.toContain("I want to move out");
    const pdf = await pdfText(built, id);
    if (pdf !== null) expect(pdf).toContain("Warning: The plan as stored no longer matches the version both people signed");
    const exported = await (await get(built.app, `/plans/${id}/export.json`)).json();
    expect(exported).toMatchObject({ integrity: "verified", liveData: "differs-from-seal", warnings: [LIVE_DATA_DIFFERS] });
    expect(exported.data.goals[0].clientWords).toBe(WORDS.arabic);
    const fhir = await (await get(built.app, `/plans/${id}/export.fhir.json`)).json();
    expect(fhir.meta.tag.map((t: { code: string }) => t.code)).toContain("live-data-differs-from-seal");
  });

  it("reports a plan file edited and re-hashed as broken", async () => {
    const { built, id, file } = await signedOnDisk();
    alter(file, (doc) => {
      for (const sealed of [doc.sealed]) {
        sealed.canonical = sealed.canonical.replaceAll("Rent went up", "Rent went down");
        sealed.contentHash = sha256Hex(sealed.canonical);
        for (const s of sealed.signatures) s.contentHash = sealed.contentHash;
      }
      doc.snapshot.context.data.barriers[0].clientWords = "Rent went down";
    });
    for (const path of [`/plans/${id}`, `/plans/${id}/retainer`, `/plans/${id}/handover`]) expect(await page(built, path), path).toContain(BROKEN);
    expect((await get(built.app, `/plans/${id}/retainer.pdf`)).status).toBe(409);
    expect((await get(built.app, `/plans/${id}/export.json`)).status).toBe(409);
  });

  it("labels a plan sealed before keyed seals existed, neither broken nor fully verified", async () => {
    const { built: before, id, link, file } = await signedOnDisk();
    alter(file, (doc) => {
      delete doc.sealed.keyId;
      delete doc.sealed.keySignature;
      for (const s of doc.sealed.signatures) delete s.account;
    });
    // As an earlier version left the folder: no key yet. The key's first start lists this old seal
    // (stripping a seal after that start is the downgrade attack: tests/http/legacy-seals.test.ts).
    await before.store.close?.();
    await before.deps.audit.close();
    rmSync(join(before.dataDir, "keys"), { recursive: true, force: true });
    rmSync(join(before.dataDir, "audit-head.json"), { force: true });
    const built = await buildApp(before.dataDir);
    for (const path of [`/plans/${id}`, `/plans/${id}/retainer`, `/plans/${id}/handover`]) {
      const html = await page(built, path);
      expect(html, path).toContain(UNKEYED);
      expect(html, path).not.toContain(BROKEN);
    }
    expect(await reviewPage(built, link)).toContain(UNKEYED);
    const pdf = await pdfText(built, id);
    if (pdf !== null) expect(pdf).toContain("Sealed before keyed seals existed");
    const exported = await (await get(built.app, `/plans/${id}/export.json`)).json();
    expect(exported.integrity).toBe("sealed-before-keyed-seals");
    const fhir = await (await get(built.app, `/plans/${id}/export.fhir.json`)).json();
    expect(fhir.meta.tag.map((t: { code: string }) => t.code)).toEqual(["sealed-before-keyed-seals"]);
  });
});
