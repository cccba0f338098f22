/**
 * Issue 19, item 1: once a reassessment starts, the signed version stays the plan in force until
 * the new one is signed: its page section, copies, exports, progress and calendar dates remain,
 * beside the draft of the next version.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("the plan in force during a reassessment", () => {
  it("keeps the signed version's page section, copies, progress and calendar dates beside the draft", async () => {
    const { app, raw, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const rev = async () => String((await store.get(plan.id))!.rev);
    const feed = text(await (await post(app, "/calendar", {})).text()).match(/id="calendar-url">([^<]+)</)![1];
    const dates = async () => {
      const cal = new ICAL.Component(ICAL.parse(await (await raw.request(feed)).text()));
      return cal.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e).startDate.toString()).sort();
    };
    const signedDates = await dates();
    expect(signedDates).toContain("2027-02-15");

    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: await rev() })).status).toBe(303);
    // The draft moves a date: the feed keeps the signed version's dates until the draft is signed.
    const page = text(await (await get(app, `/plans/${plan.id}`)).text());
    expect(page).toContain("Signed version 1, in force");
    expect(page).toContain("Draft of version 2");
    for (const href of [`/plans/${plan.id}/progress"`, `/plans/${plan.id}/retainer?version=1"`, `/plans/${plan.id}/retainer.pdf?inline=1&version=1"`, `/plans/${plan.id}/handover"`, `/plans/${plan.id}/export.json?version=1"`]) {
      expect(page, href).toContain(`href="${href}`);
    }
    expect((await get(app, `/plans/${plan.id}/retainer.pdf?inline=1&version=1`)).status).toBe(200);
    expect((await get(app, `/plans/${plan.id}/progress`)).status).toBe(200);
    expect(await dates()).toEqual(signedDates);

    // A new review link for the client can still be made: it shows the signed version in force.
    const made = await post(app, `/plans/${plan.id}/review-links`, { rev: await rev(), days: "30" });
    expect(made.status).toBe(201);
    const withLink = text(await made.text());
    expect(withLink).toContain("Signed version 1, in force");
    const link = withLink.match(/id="new-review-link"[^>]*>([^<]+)</)?.[1];
    expect(link, "the new link is shown").toBeTruthy();
  });
});

describe("the caseload during a reassessment", () => {
  it("keeps the signed version's due and overdue dates on the case manager's caseload", async () => {
    const { raw, store, user, clock } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const { signIn, withCookie } = await import("../helpers/app.ts");
    let app = withCookie(raw, await signIn(raw, "casey"));
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: String((await store.get(plan.id))!.rev) })).status).toBe(303);
    clock.t = new Date("2027-01-20T10:00:00Z"); // a6 (15 January) has passed
    app = withCookie(raw, await signIn(raw, "casey"));
    const html = text(await (await get(app, "/caseload")).text());
    const row = html.match(new RegExp(`<tr[^>]*><td><a href="/plans/${plan.id}"[\\s\\S]*?</tr>`))![0];
    expect(row).toContain("Version 1 in force");
    expect(row).toContain("1 overdue");
    expect(row).toContain("15 January 2027");
  });
});
