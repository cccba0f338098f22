/**
 * The whole life after signing, as a case manager meets it: progress over several weeks, an
 * overdue action on the caseload and in a calendar app, a reassessment signed again, what changed,
 * and both versions exported as FHIR that validates against the official R4 schema.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, signIn, text, withCookie } from "../helpers/app.ts";
import { fhirValidator } from "../helpers/fhir-schema.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("after signing, over several weeks", () => {
  it("follows progress, shows overdue work, reassesses, signs again and exports both versions", async () => {
    const built = await buildApp();
    const { store, clock } = built;
    const plan = await signedPlan(store, built.user.id);
    let app = built.app;
    const rev = async () => String((await store.get(plan.id))!.rev);
    /** Each answer of the weeks below is checked as taken, so a refused one cannot pass unseen. */
    const send = async (path: string, fields: Record<string, string> = {}) => {
      const res = await post(app, `/plans/${plan.id}${path}`, { rev: await rev(), ...fields });
      expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 300)}`).toBe(303);
    };
    const week = async (n: number) => {
      clock.t = new Date(Date.UTC(2026, 10, 24 + 7 * n, 9));
      app = withCookie(built.raw, await signIn(built.raw, "casey")); // a new working day, a new session
    };

    await week(1);
    await send("/progress/actions/a6", { status: "in-progress" });
    await week(3);
    await send("/progress/actions/a6", { status: "done" });
    await send("/progress/actions/a7", { status: "in-progress" });
    await send("/progress/notes", { target: "action:a7", kind: "lack-of-progress", text: "Waiting for the employer's letter" });
    await week(12); // 2027-02-16: a7's target (2027-02-15) has passed
    await send("/progress/actions/a8", { status: "not-done", reason: "The clinic closed" });
    const progress = text(await (await get(app, `/plans/${plan.id}/progress`)).text());
    expect(progress).toContain("Waiting for the employer's letter");
    expect(progress).toContain("The clinic closed");

    const caseload = text(await (await get(app, "/caseload")).text());
    expect(caseload).toMatch(/⚠ 1 overdue<\/strong>: 15 February 2027/);

    // The calendar feed: subscribe, read it in a calendar library, then revoke.
    const made = text(await (await post(app, "/calendar", {})).text());
    const feedUrl = made.match(/id="calendar-url">([^<]+)</)![1];
    const feed = await built.raw.request(feedUrl);
    expect(feed.headers.get("Content-Type")).toContain("text/calendar");
    const cal = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = cal.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toString()).sort()).toContain("2027-02-15");
    expect(events.some((e) => e.startDate.toString() === "2027-01-15")).toBe(false); // a6 is done
    expect(events.every((e) => !e.summary.includes("Amira"))).toBe(true); // initials only
    expect((await post(app, "/calendar/revoke", {})).status).toBe(303);
    expect((await built.raw.request(feedUrl)).status).toBe(404);

    // Reassessment: change a goal, sign again.
    await send("/reassess");
    await send("/goals/g1", { issue: "Housing at risk", clientWords: "Move to a cheaper flat near the school" });
    for (let i = 0; i < 5; i++) await send("/next"); // goals to the review
    await send("/commitments", { then: "next" }); // the review's "go on to signing"
    await send("/consent", { agreeClient: "yes", agreeCaseManager: "yes" });
    await send("/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" });
    await send("/sign", { party: "case-manager", typedName: "Casey", agree: "yes" });
    const stored = (await store.get(plan.id))!;
    expect(stored.version).toBe(2);
    expect(stored.sealed?.version).toBe(2);
    expect(stored.history[0].sealed.contentHash).not.toBe(stored.sealed!.contentHash);

    const changes = text(await (await get(app, `/plans/${plan.id}/changes`)).text());
    expect(changes).toContain("Move to a cheaper flat near the school");
    expect(changes).toMatch(/>Done<\/th>\s*<td><p dir="auto">Step 1: research options/); // a6 was done: not carried, and not "removed"
    expect(changes).toMatch(/>Not done<\/th>[\s\S]*?Why not done:<\/strong> <span dir="auto">The clinic closed/); // a8, closed with its reason

    const validate = fhirValidator();
    for (const version of ["1", "2"]) {
      const res = await get(app, `/plans/${plan.id}/export.fhir.json?version=${version}`);
      expect(res.status).toBe(200);
      const bundle = await res.json();
      const ok = validate(bundle);
      expect(validate.errors ?? [], `version ${version}`).toEqual([]);
      expect(ok).toBe(true);
      const carePlan = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource).find((r: { resourceType: string }) => r.resourceType === "CarePlan");
      if (version === "2") expect(JSON.stringify(carePlan.replaces)).toContain(`${plan.id}#1`);
    }
  }, 120_000);
});
