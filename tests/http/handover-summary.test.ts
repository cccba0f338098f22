/**
 * Issue 19, item 2: the handover summary is built from the plan in force and its progress: each
 * action as done, not done (with its reason) or open; what is overdue and due next; the latest
 * notes; and the supervisor's comments, which also reach the plan and progress pages.
 */
import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, post, signIn, text, withCookie } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("the handover summary", () => {
  it("says what is done, not done and open, what is overdue and due next, with the latest notes and comments", async () => {
    const { app, raw, store, user, deps, clock } = await buildApp();
    const plan = await signedPlan(store, user.id);
    await addUser(deps, "supervisor", "sue");
    const sue = withCookie(raw, await signIn(raw, "sue"));
    const rev = async () => String((await store.get(plan.id))!.rev);
    expect((await post(app, `/plans/${plan.id}/progress`, { rev: await rev(), "status-a6": "done", "status-a8": "not-done", "reason-a8": "The clinic closed", "status-a7": "in-progress", target: "action:a7", kind: "lack-of-progress", text: "Waiting for the employer's letter" })).status).toBe(303);
    expect((await post(sue, `/plans/${plan.id}/notes`, { rev: await rev(), text: "Chase the employer before the hearing" })).status).toBe(303);

    clock.t = new Date("2027-02-20T10:00:00Z"); // a7 (2027-02-15) has passed; a9 (2027-04-15) is next
    const later = withCookie(raw, await signIn(raw, "sue")); // a new working day, a new session
    const page = text(await (await get(later, `/plans/${plan.id}/handover`)).text());
    const section = (title: string) => page.match(new RegExp(`<h2[^>]*>${title}</h2>([\\s\\S]*?)(?=<h2|$)`))?.[1] ?? "";
    const actions = section("Actions");
    expect(actions).toMatch(/Step 1: research[^<]*<\/span>(?:[^<]|<\/?bdi>)*<strong>Done</);
    expect(actions).toMatch(/Step 3: research[^<]*<\/span>(?:[^<]|<\/?bdi>)*<strong>Not done: <span dir="auto">The clinic closed/);
    expect(actions).toMatch(/Step 2: research[^<]*<\/span>(?:[^<]|<\/?bdi>)*<strong>Open, in progress, overdue</);
    expect(section("Overdue")).toContain("Step 2: research");
    expect(section("Overdue")).not.toContain("Step 1: research"); // done is never overdue
    expect(section("Due next")).toContain("Step 4: research");
    expect(section("Due next")).toContain("15 April 2027");
    expect(section("Latest notes")).toContain("Waiting for the employer's letter");
    expect(section("Latest notes")).not.toContain("No notes yet");
    expect(section("Supervisor's comments")).toContain("Chase the employer before the hearing");

    // Where the case manager looks: the plan page and the progress page carry the comment too.
    const casey = withCookie(raw, await signIn(raw, "casey"));
    expect(text(await (await get(casey, `/plans/${plan.id}`)).text())).toContain("Chase the employer before the hearing");
    expect(text(await (await get(casey, `/plans/${plan.id}/progress`)).text())).toContain("Chase the employer before the hearing");
  });

  it("during a reassessment, summarises the signed version in force, not the draft", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const rev = async () => String((await store.get(plan.id))!.rev);
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: await rev() })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress`, { rev: await rev(), "status-a6": "done" })).status).toBe(303);
    const page = text(await (await get(app, `/plans/${plan.id}/handover`)).text());
    expect(page).toContain("Signed version 1, in force");
    expect(page).toMatch(/Step 1: research[^<]*<\/span>(?:[^<]|<\/?bdi>)*<strong>Done</);
  });
});
