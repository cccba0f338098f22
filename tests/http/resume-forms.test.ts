/**
 * Issue 19, item 8: after a time-out every form's words come back through sign-in, and "Back to the
 * page without saving" leads to the page the form was on (the old rule knew only the conversation's
 * forms, and sent the others to an address that takes only posts).
 */
import { describe, expect, it } from "vitest";
import { buildApp, ORIGIN, PASSWORD, post, text } from "../helpers/app.ts";

const ID = "AAAAAAAAAAAAAAAA";

describe("sign in again, then send or go back", () => {
  it.each([
    [`/plans/${ID}/goals`, { clientWords: "Keep my flat." }, `/plans/${ID}`],
    [`/plans/${ID}/goals/g1`, { clientWords: "Keep my flat." }, `/plans/${ID}`],
    [`/plans/${ID}/progress/notes`, { note: "Called the landlord; rent plan agreed." }, `/plans/${ID}/progress`],
    [`/plans/${ID}/progress/actions/a1`, { status: "done", reason: "" }, `/plans/${ID}/progress`],
    [`/plans/${ID}/notes`, { text: "Please check the arrears." }, `/plans/${ID}/handover`],
    [`/plans/${ID}/coaching/dismiss`, { reason: "Client's choice." }, `/plans/${ID}`],
    ["/plans", { clientName: "Amira Haddad" }, "/plans/new"],
  ])("%s: the words are kept and the way back is the form's page", async (path, fields, back) => {
    const { app, raw, clock } = await buildApp();
    clock.t = new Date(clock.t.getTime() + 20 * 60_000);
    const expired = await post(app, path, { rev: "3", ...fields });
    expect(expired.status).toBe(401);
    const signin = text(await expired.text());
    for (const [k, v] of Object.entries(fields)) expect(signin).toContain(`name="replay:${k}" value="${v}"`);

    const replay = Object.fromEntries(Object.entries({ rev: "3", ...fields }).map(([k, v]) => [`replay:${k}`, v]));
    const again = await raw.request(`${ORIGIN}/signin`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      body: new URLSearchParams({ username: "casey", password: PASSWORD, next: path, ...replay }),
    });
    expect(again.status).toBe(200);
    const resume = text(await again.text());
    expect(resume).toContain(`<form method="post" action="${path}">`);
    for (const [k, v] of Object.entries(fields)) expect(resume).toContain(`name="${k}" value="${v}"`);
    expect(resume).toContain(`<a class="button" href="${back}">Back to the page without saving</a>`);
  });
});
