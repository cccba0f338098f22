/**
 * A signed plan's page is read-only: no control offers to change its content, neither on the full
 * page nor in any fragment. What remains: progress, notes, review links, exports, handover and
 * "Start a reassessment".
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

/** Anything that would change the plan's content: an Edit link, an edit form, a step move. */
const CONTENT_CONTROL = /edit-link|\/edit"|action="\/plans\/[^/"]+\/(setup|goals|declined|barriers|strengths|actions|commitments|next|goto)\b/;

describe("a signed plan's page", () => {
  it("offers no control to change the content, and keeps progress, notes, review links, exports, handover and reassessment", async () => {
    const built = await buildApp();
    const plan = await signedPlan(built.store, built.user.id);
    const res = await get(built.app, `/plans/${plan.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Signed. This plan is now sealed.");
    expect(html.match(new RegExp(CONTENT_CONTROL, "g")) ?? []).toEqual([]);
    expect(html).not.toMatch(/>Edit</);
    for (const href of ["/progress", "/handover", "/export.json", "/export.fhir.json", "/retainer"]) {
      expect(html).toContain(`href="/plans/${plan.id}${href}"`);
    }
    expect(html).toContain("Record progress: statuses and notes");
    expect(html).toContain(`action="/plans/${plan.id}/review-links"`);
    expect(html).toContain(`action="/plans/${plan.id}/reassess"`);
    expect(html).toContain("Start a reassessment");
    // The plan itself is still shown in full.
    expect(html).toContain("Jo Smith (case manager) will step 1: research options");
  });

  it("serves its bubbles without Edit links, and no edit form for any answer", async () => {
    const built = await buildApp();
    const plan = await signedPlan(built.store, built.user.id);
    for (const bubble of ["setup", "g1", "b4", "s5", "a6", "c-a6"]) {
      const res = await get(built.app, `/plans/${plan.id}/bubbles/${bubble}`, { htmx: true });
      expect(res.status, bubble).toBe(200);
      expect(await res.text()).not.toMatch(CONTENT_CONTROL);
    }
    for (const path of ["setup/edit", "goals/g1/edit", "declined/d9/edit", "barriers/b4/edit", "strengths/s5/edit", "actions/a6/edit", "commitments/a6/edit"]) {
      for (const htmx of [false, true]) {
        const res = await get(built.app, `/plans/${plan.id}/${path}`, { htmx });
        const html = await res.text();
        expect(html, path).not.toContain("<form method=\"post\" action=\"/plans/");
        expect(html, path).not.toMatch(/<textarea|name="clientWords"|name="description"/);
        expect([404, 409]).toContain(res.status);
      }
    }
    // A stale page's post gets the sealed composer back, again without a control to change it.
    for (const [path, fields] of [["next", {}], ["goals", { issue: "Income", clientWords: "More hours" }], ["goals/g1", { issue: "Income", clientWords: "x" }], ["commitments", { "text-a6": "x" }]] as const) {
      for (const htmx of [false, true]) {
        const res = await post(built.app, `/plans/${plan.id}/${path}`, { rev: String(plan.rev), ...fields }, { htmx });
        const html = await res.text();
        expect(res.status, path).toBe(422);
        expect(html, path).toContain("signed and sealed");
        expect(html, path).not.toMatch(CONTENT_CONTROL);
        expect(html, path).not.toMatch(/<textarea|name="clientWords"|name="description"/);
      }
    }
  });
});
