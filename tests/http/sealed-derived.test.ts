/**
 * What a signed version shows is derived from that version's own data: while a reassessment's
 * draft changes the client's name and dates, the earlier retainer, its PDF and the client's review
 * page still say what was signed.
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";
import { sendEvent } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";

describe("a signed version while the next one is drafted", () => {
  it("keeps its own name and dates on the retainer, the PDF and the client's review page", async () => {
    const built = await buildApp();
    const { app, raw, store } = built;
    let plan = await signedPlan(store, built.user.id);

    const made = await post(app, `/plans/${plan.id}/review-links`, { rev: String(plan.rev), days: "30" });
    expect(made.status).toBe(201);
    const link = text(await made.text()).match(/id="new-review-link">([^<]+)</)![1];
    const opened = await raw.request(link);
    expect(opened.status).toBe(303);
    const cookie = (opened.headers.get("Set-Cookie") ?? "").split(";")[0];

    plan = (await store.get(plan.id)) as never;
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: String(plan.rev) })).status).toBe(303);
    const draft = (await store.get(plan.id))!;
    await sendEvent(store, plan.id, draft.rev, { type: "SET_SETUP", setup: { ...SETUP, clientName: "Amira Nour", preferredName: "Nour", planDate: "2026-12-01", annualReviewDate: "2027-12-01", assessmentType: "reassessment" } });

    const page = text(await (await get(app, `/plans/${plan.id}/retainer?version=1`)).text());
    expect(page).toContain("<title>Signed plan: Amira Haddad");
    expect(page).not.toContain("Amira Nour");

    const pdf = await get(app, `/plans/${plan.id}/retainer.pdf?version=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Disposition")).toContain('filename="case-plan-2026-11-24.pdf"');
    await pdf.arrayBuffer();

    const review = text(await (await get(raw, `/review/${plan.id}`, { cookie })).text());
    expect(review).toContain("Amira");
    expect(review).not.toContain("Nour");
  });
});
