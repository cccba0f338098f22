/**
 * Issue 18, section 6: the smaller holes. Each test is what a user (or an attacker) would do and
 * what they would see.
 */
import { describe, expect, it } from "vitest";
import { viewOf } from "../../src/plans/conversation.ts";
import { signedPlan } from "../helpers/signed.ts";
import { planAtReview } from "../helpers/plans.ts";
import { createApp } from "../../src/app.ts";
import { buildDeps } from "../../src/deps.ts";
import { loadSettings } from "../../src/settings.ts";
import { sha256Hex } from "../../src/signing/canonical.ts";
import { type App, buildApp, createPlanViaForm, get, post, revOf, tempDir, text } from "../helpers/app.ts";

describe("control characters in an address", () => {
  it("answers a NUL or other control character in next=, a bubble id or an item id with a 4xx, never a 500", async () => {
    const { app, raw } = await buildApp();
    const plan = { id: await createPlanViaForm(app), rev: 2 };
    const addresses = [
      [raw, "/signin?next=/%00"],
      [app, "/signin?next=/a%00b"],
      [raw, "/signin?next=/%1b[2J"],
      [app, `/plans/${plan.id}/bubbles/%00`],
      [app, `/plans/${plan.id}/bubbles/g1%0d%0aSet-Cookie:x=1`],
      [app, `/plans/${plan.id}/goals/g1%00/edit`],
      [app, `/plans/${plan.id}/actions/%c2%85/edit`],
      [app, `/plans/${plan.id}%7f/progress`],
    ] as const;
    for (const [who, path] of addresses) {
      const res = await get(who, path);
      expect(res.status, path).toBe(400);
      expect(text(await res.text()), path).toContain("cannot be part of a Coplan address");
    }
    const posted = await post(app, `/plans/${plan.id}/progress/actions/a1%00`, { rev: String(plan.rev), status: "done" });
    expect(posted.status).toBe(400);
  });

  it("sends a sign-in whose next= holds a control character to the start page, not a 500", async () => {
    const { raw } = await buildApp();
    const res = await post(raw, "/signin", { username: "casey", password: "correct horse battery staple", next: "/plans\u0000x" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/plansx");
    const tab = await post(raw, "/signin", { username: "casey", password: "correct horse battery staple", next: "/plans\tx" });
    expect(tab.headers.get("Location")).toBe("/");
  });
});

describe("control characters in client words", () => {
  // Family emoji (ZWJ sequence), a flag, skin tone, combining accents, bidi marks: all characters of words.
  const WORDS = "أريد أن أبقى \u200fفي بيتي\u200e 我想找工作 👩\u200d👩\u200d👧 🇵🇸 👋🏽 Zoe\u0308 cafe\u0301 नमस्ते";

  it("strips C0 and C1 controls but tab and newline, makes CRLF a newline, and keeps every script and emoji", async () => {
    const { app, store } = await buildApp();
    const id = await createPlanViaForm(app);
    const rev = revOf(await (await get(app, `/plans/${id}`)).text());
    const typed = `\u0000${WORDS}\u0007\r\nline two\u001b[31m\u0085\u009b\tend\rlast\u007f`;
    const res = await post(app, `/plans/${id}/goals`, { rev, issue: "Housing at risk", clientWords: typed });
    expect(res.status).toBe(303);
    const goal = viewOf((await store.get(id))!).data.goals[0];
    expect(goal.clientWords).toBe(`${WORDS}\nline two[31m\tend\nlast`);
  });
});

describe("the one-time set-up link", () => {
  it("creates exactly one administrator when it is used four times at once", async () => {
    const deps = buildDeps(loadSettings({ COPLAN_DATA_DIR: tempDir(), NODE_ENV: "test" }));
    const app = createApp(deps) as unknown as App;
    deps.setup.tokenHash = sha256Hex("the-printed-token");
    const tries = ["ada", "bob", "cyd", "dee"].map((username) =>
      post(app, "/setup/the-printed-token", { username, displayName: username, password: "correct horse battery staple", confirm: "correct horse battery staple" }),
    );
    const statuses = (await Promise.all(tries)).map((r) => r.status).sort();
    expect(statuses).toEqual([303, 404, 404, 404]);
    expect((await deps.users.all()).map((u) => u.role)).toEqual(["admin"]);
    expect((await get(app, "/setup/the-printed-token")).status).toBe(404);
  });

  it("still works after a refused form: the link is spent only when the administrator is made", async () => {
    const deps = buildDeps(loadSettings({ COPLAN_DATA_DIR: tempDir(), NODE_ENV: "test" }));
    const app = createApp(deps) as unknown as App;
    deps.setup.tokenHash = sha256Hex("the-printed-token");
    const short = await post(app, "/setup/the-printed-token", { username: "ada", displayName: "Ada", password: "short", confirm: "short" });
    expect(short.status).toBe(422);
    const ok = await post(app, "/setup/the-printed-token", { username: "ada", displayName: "Ada", password: "correct horse battery staple", confirm: "correct horse battery staple" });
    expect(ok.status).toBe(303);
  });
});

describe("names with line breaks or other control characters", () => {
  it("refuses a staff name with CR/LF on the add-user form with a 422, the message and the other typed values kept", async () => {
    const { raw, deps } = await buildApp();
    const { addUser, signIn, withCookie } = await import("../helpers/app.ts");
    await addUser(deps, "admin", "ada");
    const admin = withCookie(raw, await signIn(raw, "ada"));
    const res = await post(admin, "/users", { username: "eve", displayName: "Eve\r\nBEGIN:VEVENT", role: "case-manager", password: "correct horse battery staple" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain("A name is one line of text: no line breaks, tabs or other control characters.");
    expect(html).toMatch(/name="username"[^>]*value="eve"|value="eve"[^>]*name="username"/);
    expect(await deps.users.byUsername("eve")).toBeUndefined();
    const tab = await post(admin, "/users", { username: "eve", displayName: "Eve\tAdams", role: "case-manager", password: "correct horse battery staple" });
    expect(tab.status).toBe(422);
  });

  it("refuses a control character in the first administrator's name", async () => {
    const deps = buildDeps(loadSettings({ COPLAN_DATA_DIR: tempDir(), NODE_ENV: "test" }));
    const app = createApp(deps) as unknown as App;
    deps.setup.tokenHash = sha256Hex("the-printed-token");
    const res = await post(app, "/setup/the-printed-token", { username: "ada", displayName: "Ada\nX-INJECTED:1", password: "correct horse battery staple", confirm: "correct horse battery staple" });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain("A name is one line of text");
    expect(await deps.users.all()).toEqual([]);
  });
});

describe("a disabled account's calendar address", () => {
  it("stops working for good: re-enabling the account does not bring the old address back", async () => {
    const { app, raw, deps, user } = await buildApp();
    const { addUser, signIn, withCookie } = await import("../helpers/app.ts");
    const made = await post(app, "/calendar", {});
    expect(made.status).toBe(201);
    const feed = new URL(text(await made.text()).match(/http:\/\/[^\s"<]+\.ics/)![0]).pathname;
    expect((await get(raw, feed)).status).toBe(200);
    await addUser(deps, "admin", "ada");
    const admin = withCookie(raw, await signIn(raw, "ada"));
    expect((await post(admin, `/users/${user.id}/disable`, {})).status).toBe(303);
    expect((await get(raw, feed)).status).toBe(404);
    expect((await post(admin, `/users/${user.id}/enable`, {})).status).toBe(303);
    expect((await get(raw, feed)).status).toBe(404);
  });
});

describe("search engines and referrers", () => {
  it("marks the sign-in page, the client's review pages and every other response noindex and no-referrer", async () => {
    const { app, raw } = await buildApp();
    const id = await createPlanViaForm(app);
    const responses = [
      await get(raw, "/signin"),
      await get(raw, `/r/${id}/not-a-real-token-but-the-page-answers-anyway`),
      await get(app, `/plans/${id}`),
      await get(raw, "/static/app.css"),
      await get(raw, "/no-such-page"),
      await get(raw, "/robots.txt"),
    ];
    for (const res of responses) {
      expect(res.headers.get("X-Robots-Tag"), res.url).toBe("noindex, nofollow");
      expect(res.headers.get("Referrer-Policy"), res.url).toBe("no-referrer");
    }
  });

  it("serves a public robots.txt that disallows everything", async () => {
    const { raw } = await buildApp();
    const res = await get(raw, "/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("User-agent: *\nDisallow: /\n");
  });
});

describe("links Coplan gives out, when COPLAN_ORIGIN is not set", () => {
  /** A request whose Host header (and so its URL) names a site the attacker controls. */
  const fromEvil = (app: App, path: string, cookie: string, fields: Record<string, string> = {}) =>
    app.request(`http://evil.example${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example", Cookie: cookie },
      body: new URLSearchParams(fields),
    });

  it("builds review links and calendar addresses from the listened address, never from the Host header", async () => {
    const { raw, store, user, cookie } = await buildApp(tempDir(), undefined, { HOST: "127.0.0.1", PORT: "4321" });
    const plan = await signedPlan(store, user.id);
    const review = await fromEvil(raw, `/plans/${plan.id}/review-links`, cookie, { rev: String(plan.rev), days: "7" });
    expect(review.status).toBe(201);
    const reviewHtml = text(await review.text());
    expect(reviewHtml).toContain(`http://127.0.0.1:4321/r/${plan.id}/`);
    expect(reviewHtml).not.toContain("evil.example");

    const calendar = await fromEvil(raw, "/calendar", cookie);
    expect(calendar.status).toBe(201);
    const feed = text(await calendar.text()).match(/http:\/\/[^\s"<]+\.ics/)![0];
    expect(feed).toMatch(/^http:\/\/127\.0\.0\.1:4321\/calendar\//);
    const ics = await (await raw.request(`http://evil.example${new URL(feed).pathname}`)).text();
    expect(ics).toContain("http://127.0.0.1:4321/plans/");
    expect(ics).not.toContain("evil.example");
  });

  it("uses COPLAN_ORIGIN when it is set", async () => {
    const { app } = await buildApp(tempDir(), undefined, { COPLAN_ORIGIN: "https://coplan.example.org" });
    const res = await app.request("https://coplan.example.org/calendar", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" }, body: "" });
    expect(res.status).toBe(201);
    expect(text(await res.text())).toMatch(/https:\/\/coplan\.example\.org\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
  });
});

describe("a refused note or reason keeps the words typed", () => {
  const LONG = (n: number) => `أريد أن أبقى 👩‍👧 ${"x".repeat(n)}`;

  it("keeps a dismiss reason that is too long, in its field, with the message", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const page = await (await get(app, `/plans/${plan.id}`)).text();
    const key = text(page).match(/action="\/plans\/[^"]+\/coaching\/dismiss"[\s\S]*?name="key" value="([^"]+)"/)![1];
    const reason = LONG(520);
    const res = await post(app, `/plans/${plan.id}/coaching/dismiss`, { rev: String(plan.rev), key, reason });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain("Keep the reason under 500 characters.");
    expect(text(html)).toContain(`value="${reason}"`);
    expect(html).toContain('aria-invalid="true"');
  });

  it("keeps a progress reason when the status is refused", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const actionId = plan.data.actions[0].id;
    const reason = LONG(10);
    // "Not done" with a reason is fine; the same reason with a stale page version is refused (409).
    const res = await post(app, `/plans/${plan.id}/progress/actions/${actionId}`, { rev: "0", status: "not-done", reason });
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain(`value="${reason}"`);
    const bad = await post(app, `/plans/${plan.id}/progress/actions/${actionId}`, { rev: String(plan.rev), status: "nonsense", reason });
    expect(bad.status).toBe(422);
    const html = text(await bad.text());
    expect(html).toContain("Choose a status for the action.");
    expect(html).toContain(`value="${reason}"`);
  });

  it("refuses a progress reason over 2000 characters, and keeps it", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const actionId = plan.data.actions[0].id;
    const reason = LONG(2100);
    const res = await post(app, `/plans/${plan.id}/progress/actions/${actionId}`, { rev: String(plan.rev), status: "not-done", reason });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("Please keep the reason under 2000 characters.");
    expect(html).toContain(`value="${reason}"`);
    expect((await store.get(plan.id))!.rev).toBe(plan.rev);
  });

  it("keeps a supervisor's comment that is too long", async () => {
    const { raw, store, user, deps } = await buildApp();
    const { addUser, signIn, withCookie } = await import("../helpers/app.ts");
    await addUser(deps, "supervisor", "sue");
    const sue = withCookie(raw, await signIn(raw, "sue"));
    const plan = await signedPlan(store, user.id);
    const comment = LONG(4100);
    const res = await post(sue, `/plans/${plan.id}/notes`, { rev: String(plan.rev), text: comment });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain("Please keep the note under 4000 characters.");
    expect(text(html)).toContain(`>${comment}</textarea>`);
  });

  it("keeps a handover note when no case manager was chosen, and when it is too long", async () => {
    const { raw, store, user, deps } = await buildApp();
    const { addUser, signIn, withCookie } = await import("../helpers/app.ts");
    await addUser(deps, "supervisor", "sue");
    const other = await addUser(deps, "case-manager", "cam");
    const sue = withCookie(raw, await signIn(raw, "sue"));
    const plan = await signedPlan(store, user.id);
    const note = LONG(20);
    const none = await post(sue, `/plans/${plan.id}/reassign`, { rev: String(plan.rev), to: "", note });
    expect(none.status).toBe(422);
    let html = text(await none.text());
    expect(html).toContain("Pick an active case manager to take over the case.");
    expect(html).toContain(`>${note}</textarea>`);
    const long = LONG(4100);
    const tooLong = await post(sue, `/plans/${plan.id}/reassign`, { rev: String(plan.rev), to: other.id, note: long });
    expect(tooLong.status).toBe(422);
    html = text(await tooLong.text());
    expect(html).toContain(`>${long}</textarea>`);
    expect(html).toMatch(new RegExp(`<option value="${other.id}" selected`));
    const stale = await post(sue, `/plans/${plan.id}/reassign`, { rev: "0", to: other.id, note });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain(`>${note}</textarea>`);
  });
});

/** A new plan with one goal, moved on to the actions step (barriers and strengths left empty). */
async function atActions(app: App) {
  const id = await createPlanViaForm(app);
  const rev = async () => revOf(await (await get(app, `/plans/${id}`)).text());
  expect((await post(app, `/plans/${id}/goals`, { rev: await rev(), issue: "Housing at risk", clientWords: "Keep my flat" })).status).toBe(303);
  for (let i = 0; i < 3; i++) expect((await post(app, `/plans/${id}/next`, { rev: await rev() })).status).toBe(303);
  expect(text(await (await get(app, `/plans/${id}`)).text())).toContain("Step 5 of 7");
  return { id, rev };
}

describe("dates out of any sane range", () => {
  it("refuses a plan date in year 0000 and a review date past 2200 with a plain message, the typed values kept", async () => {
    const { app } = await buildApp();
    const { SETUP_FORM } = await import("../helpers/app.ts");
    const res = await post(app, "/plans", { ...SETUP_FORM, planDate: "0000-01-01", annualReviewDate: "2201-01-01" });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html.match(/Please give a date between 1900 and 2200\./g)).toHaveLength(2);
    expect(html).toContain('value="0000-01-01"');
    expect(html).toContain(`value="${SETUP_FORM.clientName}"`);
  });

  it("refuses a target date in year 0000 but takes 1900-01-01 and 2200-12-31", async () => {
    const { app } = await buildApp();
    const { id, rev } = await atActions(app);
    const action = { goalId: "g1", kind: "referral", description: "Refer to rent assistance", responsibleRole: "case-manager", targetKind: "date" };
    const bad = await post(app, `/plans/${id}/actions`, { rev: await rev(), ...action, targetDate: "0000-06-15" });
    expect(bad.status).toBe(422);
    expect(text(await bad.text())).toContain("Please give a date between 1900 and 2200.");
    // An ongoing action does not care what is left in the date field.
    expect((await post(app, `/plans/${id}/actions`, { rev: await rev(), ...action, targetKind: "ongoing", targetDate: "0000-06-15" })).status).toBe(303);
    for (const date of ["1900-01-01", "2200-12-31"]) {
      expect((await post(app, `/plans/${id}/actions`, { rev: await rev(), ...action, targetDate: date })).status, date).toBe(303);
    }
  });
});

describe("names in a plan are one line", () => {
  it("refuses a line break in the responsible person's name and the client's name, keeping the typed words", async () => {
    const { app } = await buildApp();
    const { SETUP_FORM } = await import("../helpers/app.ts");
    const setup = await post(app, "/plans", { ...SETUP_FORM, clientName: "Amira\nHaddad" });
    expect(setup.status).toBe(422);
    expect(text(await setup.text())).toContain("A name is one line of text");
    const { id, rev } = await atActions(app);
    const res = await post(app, `/plans/${id}/actions`, { rev: await rev(), goalId: "g1", kind: "referral", description: "Refer to rent assistance", responsibleRole: "provider", responsibleName: "Jo\tSmith\nX", targetKind: "ongoing" });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("A name is one line of text");
    expect(html).toContain("Refer to rent assistance");
  });

  it("refuses a line break in a representative's name at signing", async () => {
    const { app, store, user } = await buildApp();
    const { sendEvent } = await import("../../src/plans/conversation.ts");
    let plan = await planAtReview(store, user.id);
    plan = await sendEvent(store, plan.id, plan.rev, { type: "NEXT" });
    plan = await sendEvent(store, plan.id, plan.rev, { type: "CONSENT", consent: { noticeVersion: "test", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] } });
    const res = await post(app, `/plans/${plan.id}/sign`, { rev: String(plan.rev), party: "client", typedName: "Layla Haddad", repName: "Layla\r\nHaddad", repRelationship: "sister", agree: "yes" });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain("A name is one line of text");
  });
});
