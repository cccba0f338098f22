import { describe, expect, it } from "vitest";
import { buildApp, get, post, text } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";
import { verifySeal } from "../../src/signing/seal.ts";
import { caseloadRow } from "../../src/plans/caseload.ts";
import { todayIn } from "../../src/time.ts";

describe("progress after signing", () => {
  it("records statuses and notes beside the sealed version, never altering it or its hash", async () => {
    const { app, store, user, deps } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const sealedBefore = JSON.stringify((await store.get(plan.id))!.sealed);
    const rev = async () => String((await store.get(plan.id))!.rev);
    expect((await post(app, `/plans/${plan.id}/progress/actions/a6`, { rev: await rev(), status: "done" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress/actions/a7`, { rev: await rev(), status: "in-progress" })).status).toBe(303);
    const noReason = await post(app, `/plans/${plan.id}/progress/actions/a8`, { rev: await rev(), status: "not-done" });
    expect(noReason.status).toBe(422);
    expect(text(await noReason.text())).toContain("Say why the action was not done");
    expect((await post(app, `/plans/${plan.id}/progress/actions/a8`, { rev: await rev(), status: "not-done", reason: "The service closed its waiting list" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress/goals/g2`, { rev: await rev(), status: "achieved" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress/notes`, { rev: await rev(), target: "action:a7", kind: "lack-of-progress", text: "Phoned twice, no answer yet" })).status).toBe(303);
    const bad = await post(app, `/plans/${plan.id}/progress/notes`, { rev: await rev(), target: "action:a7", kind: "progress", text: "  " });
    expect(bad.status).toBe(422);

    const stored = (await store.get(plan.id))!;
    expect(JSON.stringify(stored.sealed)).toBe(sealedBefore);
    expect(verifySeal(plan.id, stored.sealed, deps.signer).ok).toBe(true);
    expect(stored.progress.actions.a6).toMatchObject({ status: "done", by: user.id });
    expect(stored.progress.log.map((l) => `${l.target.id}:${l.status}`)).toEqual(["a6:done", "a7:in-progress", "a8:not-done", "g2:achieved"]);
    const page = text(await (await get(app, `/plans/${plan.id}/progress`)).text());
    expect(page).toContain("The service closed its waiting list");
    expect(page).toContain("Phoned twice, no answer yet");
  });

  it("puts due and overdue at the edges of the agency's day, not UTC's", () => {
    const summary = { id: "x", clientName: "A", step: "signed", updatedAt: "", rev: 1, annualReviewDate: "2027-11-24", openTargets: ["2026-12-01", "2026-12-08", "2026-12-09"] };
    // 23:30 UTC on 1 December is already 2 December in Auckland: the 1 December action is overdue there.
    const now = new Date("2026-12-01T23:30:00Z");
    expect(caseloadRow(summary, todayIn("UTC", now))).toMatchObject({ overdue: [], dueThisWeek: ["2026-12-01", "2026-12-08"] });
    expect(caseloadRow(summary, todayIn("Pacific/Auckland", now))).toMatchObject({ overdue: ["2026-12-01"], dueThisWeek: ["2026-12-08", "2026-12-09"] });
    expect(caseloadRow({ ...summary, annualReviewDate: "2026-12-20" }, "2026-12-01").state).toEqual({ key: "caseload.state.reviewDue" });
  });

  it("shows an overdue action on the caseload once its day has passed", async () => {
    const built = await buildApp();
    const plan = await signedPlan(built.store, built.user.id);
    const { signIn, withCookie } = await import("../helpers/app.ts");
    const caseloadOn = async (at: string) => {
      built.clock.t = new Date(at);
      const app = withCookie(built.raw, await signIn(built.raw, "casey")); // each day a new session
      const html = text(await (await get(app, "/caseload")).text());
      const row = html.match(new RegExp(`<tr[^>]*><td><a href="/plans/${plan.id}"[\\s\\S]*?</tr>`));
      expect(row, `the plan's row on ${at}`).not.toBeNull();
      return row![0];
    };
    // a6's target is 2027-01-15: due on the day, overdue the day after.
    expect(await caseloadOn("2027-01-15T17:00:00Z")).not.toContain("overdue");
    const after = await caseloadOn("2027-01-16T09:00:00Z");
    expect(after).toContain("1 overdue");
    expect(after).toContain("15 January 2027");
  });
});

describe("reassessment", () => {
  it("starts a new draft version with exactly the unfinished items, keeps the old one read-only, and shows what changed", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const rev = async () => String((await store.get(plan.id))!.rev);
    expect((await post(app, `/plans/${plan.id}/progress/actions/a6`, { rev: await rev(), status: "done" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress/goals/g3`, { rev: await rev(), status: "achieved" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/progress/notes`, { rev: await rev(), target: "action:a7", kind: "progress", text: "Form half filled" })).status).toBe(303);
    const res = await post(app, `/plans/${plan.id}/reassess`, { rev: await rev() });
    expect(res.status).toBe(303);
    const stored = (await store.get(plan.id))!;
    expect(stored.version).toBe(2);
    expect(stored.sealed).toBeUndefined();
    expect(stored.history.map((h) => h.version)).toEqual([1]);
    const ctx = (stored.snapshot as { value: string; context: { data: { goals: { id: string }[]; actions: { id: string }[]; setup: { assessmentType: string } } } });
    expect(ctx.value).toBe("goals");
    expect(ctx.context.data.setup.assessmentType).toBe("reassessment");
    // g3 achieved: dropped with its actions (a8, a11); a6 done: dropped; the rest carried.
    expect(ctx.context.data.goals.map((g) => g.id)).toEqual(["g1", "g2"]);
    expect(ctx.context.data.actions.map((a) => a.id)).toEqual(["a7", "a9", "a10", "a12", "a13"]);
    expect(stored.progress.notes.map((n) => n.text)).toEqual(["Form half filled"]);
    // The old version is still readable, and what changed is listed.
    expect((await get(app, `/plans/${plan.id}/retainer?version=1`)).status).toBe(200);
    const changes = text(await (await get(app, `/plans/${plan.id}/changes`)).text());
    expect(changes).toMatch(/>Done<\/th>\s*<td><p dir="auto">Depression/); // g3 was achieved, not removed
    // Edits work again in the draft, and the new version can be signed.
    const edit = await post(app, `/plans/${plan.id}/goals/g1`, { rev: await rev(), issue: "Housing at risk", clientWords: "Stay in my flat until the children finish school" });
    expect(edit.status).toBe(303);
    const after = text(await (await get(app, `/plans/${plan.id}/changes`)).text());
    expect(after).toContain("Stay in my flat until the children finish school");
    expect(after).toContain("Changed");
  });

  it("refuses to start a reassessment from an unsigned plan", async () => {
    const { app, store, user } = await buildApp();
    const { planAtReview } = await import("../helpers/plans.ts");
    const plan = await planAtReview(store, user.id);
    const res = await post(app, `/plans/${plan.id}/reassess`, { rev: String(plan.rev) });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain("A reassessment starts from a signed plan");
  });
});

describe("JSON export", () => {
  it("exports the current and earlier versions, and records each export in the audit log", async () => {
    const { app, store, user, deps } = await buildApp();
    const plan = await signedPlan(store, user.id);
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: String((await store.get(plan.id))!.rev) })).status).toBe(303);
    const v1 = await (await get(app, `/plans/${plan.id}/export.json?version=1`)).json();
    expect(v1).toMatchObject({ format: "coplan.plan-export", version: 1, status: "signed", integrity: "verified" });
    expect(v1.signatures).toHaveLength(2);
    const v2 = await (await get(app, `/plans/${plan.id}/export.json`)).json();
    expect(v2).toMatchObject({ version: 2, status: "draft", replacesVersion: 1 });
    expect((await get(app, `/plans/${plan.id}/export.json?version=7`)).status).toBe(404);
    const exports = (await deps.audit.lines()).filter((l) => l.includes('"plan-exported"'));
    expect(exports.length).toBeGreaterThanOrEqual(2);
  });
});
