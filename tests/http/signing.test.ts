import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text, type App } from "../helpers/app.ts";
import { planAtReview, WORDS } from "../helpers/plans.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import { loadPlan } from "../../src/plans/conversation.ts";

// A 1×1 PNG, as the signature pad would send a drawing.
const DRAWING = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function rev(store: PlanStore, id: string) {
  return String((await store.get(id))!.rev);
}

async function signBoth(app: App, store: PlanStore, id: string) {
  let res = await post(app, `/plans/${id}/next`, { rev: await rev(store, id) });
  expect(res.status).toBe(303);
  res = await post(app, `/plans/${id}/consent`, { rev: await rev(store, id), agreeClient: "yes", agreeCaseManager: "yes" });
  expect(res.status).toBe(303);
  res = await post(app, `/plans/${id}/sign`, { rev: await rev(store, id), party: "client", typedName: "Amira Haddad", agree: "yes" });
  expect(res.status).toBe(303);
  res = await post(app, `/plans/${id}/sign`, { rev: await rev(store, id), party: "case-manager", typedName: "Jo Smith", image: DRAWING, agree: "yes" });
  expect(res.status).toBe(303);
}

describe("signing over HTTP", () => {
  it("asks for consent first, keeps the answers on a missing tick, and seals with the second signature", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const review = await get(app, `/plans/${plan.id}`);
    expect(await review.text()).toContain("Read this to me");
    expect((await post(app, `/plans/${plan.id}/next`, { rev: await rev(store, plan.id) })).status).toBe(303);

    const noConsent = await post(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "client", typedName: "Amira", agree: "yes" });
    expect(noConsent.status).toBe(422);
    expect(text(await noConsent.text())).toContain("Both of you need to read and agree to the notice");

    const half = await post(app, `/plans/${plan.id}/consent`, { rev: await rev(store, plan.id), agreeClient: "yes" });
    expect(half.status).toBe(422);
    const halfHtml = await half.text();
    expect(halfHtml).toContain("Both of you need to tick");
    expect(halfHtml).toMatch(/name="agreeClient" value="yes" required checked/);

    expect((await post(app, `/plans/${plan.id}/consent`, { rev: await rev(store, plan.id), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
    const unticked = await post(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "client", typedName: "Amira Haddad" });
    expect(unticked.status).toBe(422);
    const untickedHtml = text(await unticked.text());
    expect(untickedHtml).toContain("Tick “I agree to this plan” to sign.");
    expect(untickedHtml).toContain('value="Amira Haddad"');

    const first = await post(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "client", typedName: "Layla Haddad", repName: "Layla Haddad", repRelationship: "sister", agree: "yes" });
    expect(first.status).toBe(303);
    expect((await loadPlan(store, plan.id))!.signatures.map((s) => s.party)).toEqual(["client"]); // taken, and not sealed yet
    expect((await store.get(plan.id))!.sealed).toBeUndefined();
    expect((await post(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "case-manager", typedName: "Jo Smith", image: DRAWING, agree: "yes" })).status).toBe(303);
    const stored = (await store.get(plan.id))!;
    expect(stored.sealed?.contentHash).toMatch(/^[a-f0-9]{64}$/);
    const sigs = stored.sealed!.signatures as { party: string; method: string; ip: string; userAgent: string; at: string; contentHash: string; representative?: { relationship: string } }[];
    expect(sigs.map((s) => [s.party, s.method])).toEqual([["client", "typed"], ["case-manager", "drawn"]]);
    expect(sigs[0].representative?.relationship).toBe("sister");
    expect(sigs.every((s) => s.contentHash === stored.sealed!.contentHash && s.at.endsWith("Z") && s.ip && s.userAgent)).toBe(true);

    // Sealed: an edit is refused with words, and nothing changes.
    const edit = await post(app, `/plans/${plan.id}/goals/g1`, { rev: String(stored.rev), issue: "x", clientWords: "changed" });
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain("signed and sealed");
    expect((await store.get(plan.id))!.rev).toBe(stored.rev);
  });

  it("shows the retainer from the sealed version, and says so plainly when the file was altered", async () => {
    const { app, store, dataDir, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    await signBoth(app, store, plan.id);
    const page = await get(app, `/plans/${plan.id}/retainer?copy=office`);
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain("Office file");
    expect(html).toContain(WORDS.arabic);
    expect(html).toContain("Date: 2026-11-24");
    expect(html).toContain('alt="Drawn signature of Jo Smith"');

    await store.checkpoint!(); // the signed version reaches the plan's own file, to be altered there
    const file = join(dataDir, "plans", `${plan.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("Rent went up", "Rent went down"));
    for (const path of [`/plans/${plan.id}/retainer`, `/plans/${plan.id}`]) {
      const altered = text(await (await get(app, path)).text());
      expect(altered).toContain("This record no longer matches its signatures");
    }
    expect((await get(app, `/plans/${plan.id}/retainer.pdf`)).status).toBe(409);
  });

  it("makes a PDF of three labelled copies with the client's words in every script", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    await signBoth(app, store, plan.id);
    const res = await get(app, `/plans/${plan.id}/retainer.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    if (!existsSync("/usr/bin/pdftotext")) {
      if (process.env.CI === "true") throw new Error("pdftotext (poppler-utils) is missing in CI");
      console.warn("\n*** pdftotext is not installed: the PDF's text was NOT checked. Install poppler-utils. ***\n");
      return;
    }
    const out = execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString();
    const flat = out.replace(/\s+/g, " ");
    for (const label of ["Client copy", "Office file", "Case record"]) expect(out).toContain(label);
    const pages = [...out.matchAll(/Page (\d+) of (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const perCopy = pages[0][1];
    expect(pages).toHaveLength(perCopy * 3);
    pages.forEach(([x, y], i) => expect([x, y]).toEqual([(i % perCopy) + 1, perCopy]));
    expect(flat).toContain(WORDS.chinese);
    expect(flat).toContain("déjà payé");
    // Arabic comes out shaped and right to left; these words also extract letter for letter (some
    // letters share one shape in Noto Sans Arabic, so pdftotext cannot tell them apart).
    for (const word of ["أريد", "أبقى", "مع"]) expect(flat).toContain(word);
    // Signatures are on each copy's final page.
    const copies = out.split("\f").filter((p) => p.trim());
    copies.forEach((pageText, i) => {
      const last = (i + 1) % perCopy === 0;
      expect(pageText.includes("Signatures"), `page ${i + 1}`).toBe(last);
    });
  });
});

describe("the client's review link", () => {
  async function signedWithLink(now = { t: new Date("2026-11-24T10:00:00Z") }) {
    const built = await buildApp(undefined, now);
    const plan = await planAtReview(built.store, built.user.id);
    await signBoth(built.app, built.store, plan.id);
    const res = await post(built.app, `/plans/${plan.id}/review-links`, { rev: await rev(built.store, plan.id), days: "7" });
    expect(res.status).toBe(201);
    const url = (await res.text()).match(/id="new-review-link">([^<]+)</)![1];
    return { ...built, plan, url: new URL(url), now };
  }

  async function open(app: App, url: URL) {
    const res = await app.request(url.toString());
    const cookie = res.headers.get("Set-Cookie") ?? "";
    if (res.status !== 303) return { res, page: res };
    expect(cookie).toMatch(/HttpOnly/i);
    const page = await app.request(new URL(res.headers.get("Location")!, url).toString(), { headers: { Cookie: cookie.split(";")[0] } });
    return { res, page };
  }

  it("stores only a hash of a long random token and drops it from the address bar", async () => {
    const { app, store, plan, url, deps } = await signedWithLink();
    const token = url.pathname.split("/").pop()!;
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(await store.get(plan.id))).not.toContain(token);
    const { res, page } = await open(app, url);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/review/${plan.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    const html = text(await page.text());
    expect(html).toContain("What you agreed to");
    expect(html).toContain("What you will do");
    expect(html).toContain(WORDS.chinese);
    expect(html).not.toContain("Edit");
    const audit = (await deps.audit.lines()).join("\n");
    expect(audit).toContain('"review-link-used"');
  });

  it("stops working once it expires or is revoked, and says so with nothing else", async () => {
    const { app, store, plan, url, now } = await signedWithLink();
    const stored = (await store.get(plan.id))!;
    const revoke = await post(app, `/plans/${plan.id}/review-links/${stored.reviewLinks[0].id}/revoke`, { rev: String(stored.rev) });
    expect(revoke.status).toBe(303);
    let { page } = await open(app, url);
    expect(page.status).toBe(410);
    let html = text(await page.text());
    expect(html).toContain("This link has been turned off");
    expect(html).not.toContain(WORDS.chinese);

    const other = await signedWithLink(now);
    now.t = new Date("2026-12-02T10:00:00Z");
    ({ page } = await open(other.app, other.url));
    expect(page.status).toBe(410);
    html = text(await page.text());
    expect(html).toContain("This link has expired");
  });

  it("gives nothing to a guessed token, another plan's id or a missing cookie", async () => {
    const { app, plan, url } = await signedWithLink();
    const guessed = new URL(url);
    guessed.pathname = `/r/${plan.id}/${"A".repeat(32)}`;
    expect((await open(app, guessed)).page.status).toBe(404);
    const otherPlan = new URL(url);
    otherPlan.pathname = url.pathname.replace(plan.id, "BBBBBBBBBBBBBBBB");
    expect((await open(app, otherPlan)).page.status).toBe(404);
    const noCookie = await app.request(`http://localhost/review/${plan.id}`);
    expect(noCookie.status).toBe(404);
    expect(text(await noCookie.text())).not.toContain(WORDS.chinese);
  });
});
