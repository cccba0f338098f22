/**
 * Issue 19, item 13: the supervisor's view shows, for each plan, open and dismissed coaching
 * findings (with the reasons), overdue actions, the latest progress and the signature state, and
 * sorts by what needs attention first with plain links.
 */
import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, post, SETUP_FORM, signIn, text, withCookie } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("the supervisor's view", () => {
  it("shows what needs attention for each plan, first by default, and sorts by plain links", async () => {
    const { app, raw, store, user, deps, clock } = await buildApp();
    const signed = await signedPlan(store, user.id);
    const rev = async (id: string) => String((await store.get(id))!.rev);
    expect((await post(app, `/plans/${signed.id}/progress`, { rev: await rev(signed.id), "status-a7": "in-progress", target: "action:a7", kind: "lack-of-progress", text: "Waiting for the employer's letter" })).status).toBe(303);
    const made = await post(app, "/plans", { ...SETUP_FORM, clientName: "Aaron Bell", preferredName: "Aaron" });
    const draftId = made.headers.get("Location")!.split("/").pop()!;
    await store.update(draftId, Number(await rev(draftId)), (p) => ({
      ...p,
      coaching: { dismissed: [{ key: "goal-measurable:g1", rule: "goal-measurable", reason: "Aaron wants his own words kept", by: user.id, at: "2026-11-24T10:00:00.000Z" }] },
    }));
    await addUser(deps, "supervisor", "sue");

    clock.t = new Date("2027-02-20T10:00:00Z"); // a6 (15 Jan) and a7 (15 Feb) have passed
    const sue = withCookie(raw, await signIn(raw, "sue"));
    const rowsOf = async (path: string) => {
      const html = text(await (await get(sue, path)).text());
      return { html, rows: [...html.matchAll(/<tr[^>]*data-plan="([^"]+)"[\s\S]*?<\/tr>/g)].map((m) => ({ id: m[1], html: m[0] })) };
    };
    const { html, rows } = await rowsOf("/supervisor");
    expect(rows.map((r) => r.id)).toEqual([signed.id, draftId]); // overdue work first
    const [first, second] = rows;
    expect(first.html).toContain("2 overdue");
    expect(first.html).toContain("Step 2: research");
    expect(first.html).toContain("Signed 24 November 2026");
    expect(first.html).toContain("Waiting for the employer's letter");
    expect(second.html).toContain("Not signed yet: draft");
    expect(second.html).toContain("Aaron wants his own words kept");
    expect(second.html).toContain("Dismissed");
    // The sort is a plain link (no script needed), and says which order is shown.
    expect(html).toMatch(/<a href="\/supervisor\?sort=client"/);
    expect(html).toMatch(/aria-current="true"[^>]*>What needs attention first|What needs attention first<\/strong>/);
    expect((await rowsOf("/supervisor?sort=client")).rows.map((r) => r.id)).toEqual([draftId, signed.id]);
    // An unknown order is not an error: the default order is shown.
    const odd = await get(sue, "/supervisor?sort=%3Cscript%3E");
    expect(odd.status).toBe(200);
  });

  it("does not count words Coplan could not read as a concern, but says they were not checked", async () => {
    const { app, raw, deps } = await buildApp();
    const made = await post(app, "/plans", { ...SETUP_FORM, clientName: "Amira Haddad", clientLanguage: "ar", priorityIssues: "السكن" });
    const id = made.headers.get("Location")!.split("/").pop()!;
    const page = await (await get(app, `/plans/${id}`)).text();
    const rev = page.match(/name="rev" value="(\d+)"/)![1];
    expect((await post(app, `/plans/${id}/goals`, { rev, issue: "السكن", clientWords: "أريد أن أبقى في بيتي مع أطفالي" })).status).toBe(303);
    await addUser(deps, "supervisor", "sue");
    const sue = withCookie(raw, await signIn(raw, "sue"));
    const row = text(await (await get(sue, "/supervisor")).text()).match(/<tr[^>]*data-plan="[^"]+"[\s\S]*?<\/tr>/)![0];
    expect(row).toContain("1 answer in another language: Coplan's word checks could not read it.");
    // The open findings are the plan's real gaps (no action yet…), not the unread wording.
    const open = row.match(/⚠ (\d+) open coaching finding/)![1];
    const listed = row.slice(row.indexOf("<details>")).split("</details>")[0];
    expect((listed.match(/<li>/g) ?? []).length).toBe(Number(open));
    expect(listed).not.toContain("could not check");
  });
});
