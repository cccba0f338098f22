/**
 * Issue 19, item 11: the client's review page speaks plain words (what you agreed to, what your
 * case manager will do, what you will do), gives dates in words in the agency's time zone, and
 * shows each action once; the staff page gives the new link with a QR code to scan.
 */
import { describe, expect, it } from "vitest";
import { type Built, buildApp, get, post, text } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

async function withReviewLink(built: Built) {
  const plan = await signedPlan(built.store, built.user.id);
  const made = await post(built.app, `/plans/${plan.id}/review-links`, { rev: String(plan.rev), days: "30" });
  expect(made.status).toBe(201);
  const staffPage = await made.text();
  const link = text(staffPage).match(/id="new-review-link">([^<]+)</)![1];
  const opened = await built.raw.request(link);
  expect(opened.status).toBe(303);
  const cookie = (opened.headers.get("Set-Cookie") ?? "").split(";")[0];
  return { plan, staffPage, link, review: async () => (await get(built.raw, `/review/${plan.id}`, { cookie })).text() };
}

/** What a reader sees: the page's text without its tags, scripts and attributes. */
const visible = (html: string) => text(html.replace(/<(script|style)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

describe("the client's review page", () => {
  it("says who does what in plain words, with dates in words, each action once", async () => {
    // The agency is 14 hours ahead of UTC: signed at 10:00 UTC on 24 November is the 25th there.
    const built = await buildApp(undefined, undefined, { COPLAN_TIMEZONE: "Pacific/Kiritimati" });
    const { plan, review } = await withReviewLink(built);
    const html = await review();
    const page = visible(html);

    expect(page).toContain("What you agreed to");
    // The case manager signed as "Casey": the client reads their name, not a role.
    expect(page).toContain("What Casey (your case manager) will do");
    expect(page).toContain("What you will do");
    expect(page).toContain("By 15 January 2027."); // the first action's target date
    expect(page).toContain("signed on 25 November 2026");
    expect(page, "no ISO dates").not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const jargon of ["Service:", "Referral:", "I, the client", "Case manager:", "When:"]) expect(page).not.toContain(jargon);

    // Each action once, under the heading of who does it.
    for (const a of plan.data.actions) {
      expect(page.split(a.description).length - 1, `"${a.description}" appears once`).toBe(1);
    }
    const cmSection = html.slice(html.indexOf('id="case-manager-does"'), html.indexOf('id="you-do"'));
    expect(cmSection).toContain("Step 1: research options");
    expect(cmSection).not.toContain("Step 2: research options"); // the client's own step
    const youSection = html.slice(html.indexOf('id="you-do"'), html.indexOf('id="so-far"'));
    expect(youSection).toContain("Step 2: research options");
  });

  it("marks what is done beside the action, not in a second list", async () => {
    const built = await buildApp();
    const { plan, review } = await withReviewLink(built);
    const stored = (await built.store.get(plan.id))!;
    await built.store.update(plan.id, stored.rev, (p) => ({ ...p, progress: { ...p.progress, actions: { [plan.data.actions[0].id]: { status: "done", at: "2026-11-30T09:00:00.000Z", by: "casey" } } } }));
    const page = visible(await review());
    expect(page).toContain("1 of 8 things are done.");
    expect(page).toMatch(/Step 1: research options and make referrals if any are available By 15 January 2027\. ✓ Done/);
    expect(page.split("Step 1: research options").length - 1).toBe(1);
  });
});

describe("the staff page with a new review link", () => {
  it("shows the link as text in a box, a QR code named as one, and loads the Copy script", async () => {
    const built = await buildApp();
    const { staffPage, link } = await withReviewLink(built);
    expect(staffPage).toMatch(/class="link-box"/);
    const svg = staffPage.match(/<svg [^>]*>/)?.[0] ?? "";
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="QR code[^"]*"/);
    expect(staffPage).toMatch(/<path [^>]*d="M\d/); // drawn modules, not an empty picture
    expect(staffPage).toMatch(/<script src="\/static\/copy-link\.[0-9a-f]{10}\.js" defer><\/script>/);
    // The link stays plain selectable text for anyone without the script.
    expect(text(staffPage)).toContain(`>${link}</a>`);
  });
});
