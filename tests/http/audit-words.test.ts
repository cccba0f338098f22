/**
 * Issue 19, item 10: the audit log says what happened in words ("Viewed the plan", "Saved an answer
 * at goals"), not route patterns, and a supervisor's note or a reassignment is one line, not two.
 */
import { describe, expect, it } from "vitest";
import { addUser, buildApp, createPlanViaForm, get, post, revOf, signIn, text, withCookie } from "../helpers/app.ts";
import type { AuditEntry } from "../../src/audit/audit-log.ts";
import type { Deps } from "../../src/deps.ts";

const entries = async (deps: Deps) => (await deps.audit.lines()).map((l) => JSON.parse(l) as AuditEntry);

describe("the audit log in words", () => {
  it("describes each request for a plan by what it did, refusals included", async () => {
    const { app, deps } = await buildApp();
    const id = await createPlanViaForm(app);
    const html = await (await get(app, `/plans/${id}`)).text();
    await post(app, `/plans/${id}/goals`, { rev: revOf(html), issue: "Housing at risk", clientWords: "Keep my flat." });
    await post(app, `/plans/${id}/goals`, { rev: revOf(await (await get(app, `/plans/${id}`)).text()), issue: "Income", clientWords: "" });
    await get(app, `/plans/${id}/goals/g1/edit`);
    const details = (await entries(deps)).filter((e) => e.record === id && e.action !== "plan-created").map((e) => e.detail);
    expect(details).toEqual([
      "Viewed the plan",
      "Saved an answer at goals",
      "Viewed the plan",
      "Saved an answer at goals: not saved: the form needed changes (422)",
      "Opened an answer at goals to change it",
    ]);
    for (const d of details) expect(d).not.toMatch(/:id|\/plans|GET|POST/);
  });

  it("shows those words on the audit page", async () => {
    const { app, raw, deps } = await buildApp();
    const id = await createPlanViaForm(app);
    await get(app, `/plans/${id}`);
    await addUser(deps, "supervisor", "sam");
    const sup = withCookie(raw, await signIn(raw, "sam"));
    const page = text(await (await get(sup, "/audit")).text());
    expect(page).toContain("Viewed the plan");
    expect(page).not.toContain("/plans/:id");
  });

  it("records a supervisor's note and a reassignment once each", async () => {
    const { app, raw, deps } = await buildApp();
    const id = await createPlanViaForm(app);
    const sam = await addUser(deps, "supervisor", "sam");
    const other = await addUser(deps, "case-manager", "morgan");
    const sup = withCookie(raw, await signIn(raw, "sam"));
    const handover = async () => revOf(await (await get(sup, `/plans/${id}/handover`)).text());
    expect((await post(sup, `/plans/${id}/notes`, { rev: await handover(), text: "Please check the rent arrears." })).status).toBe(303);
    expect((await post(sup, `/plans/${id}/reassign`, { rev: await handover(), to: other.id, note: "" })).status).toBe(303);
    const mine = (await entries(deps)).filter((e) => e.actor === sam.id && e.record === id);
    expect(mine.filter((e) => e.action === "plan-commented")).toHaveLength(1);
    expect(mine.filter((e) => e.action === "plan-reassigned")).toHaveLength(1);
  });
});
