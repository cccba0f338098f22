/**
 * Coaching names its item and stays with it (issue 20 §4): a finding shows under the bubble of the
 * item it is about and beside that item in the plan panel, never under the next question; it
 * changes at once when the item is edited in place, with htmx and without.
 */
import { describe, expect, it } from "vitest";
import { buildApp, createPlanViaForm, get, post, text, type App } from "../helpers/app.ts";
import type { PlanEvent } from "../../machines/plan-machine.ts";
import { createPlan, sendEvent } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";

/** The HTML of one element: from its opening tag with this id to the matching close (no nesting of the same tag assumed inside). */
function element(html: string, id: string): string {
  const start = html.search(new RegExp(`<(li|aside|div)[^>]*\\bid="${id}"`));
  if (start < 0) return "";
  const tag = html.slice(start + 1, html.indexOf(" ", start));
  let depth = 0;
  const re = new RegExp(`<${tag}\\b|</${tag}>`, "g");
  re.lastIndex = start;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return html.slice(start);
}

async function rev(store: Awaited<ReturnType<typeof buildApp>>["store"], id: string) {
  return String((await store.get(id))!.rev);
}

async function atGoals(app: App) {
  return createPlanViaForm(app); // a new plan opens at the goals step
}

const VAGUE = "I want to sort things out";

describe("coaching beside its item", () => {
  it("shows a vague goal's finding under its own bubble and beside it in the plan panel, naming it, with the words that raised it", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    const html = text(await (await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: VAGUE }, { htmx: true })).text());
    const bubble = element(html, "bubble-g1");
    expect(bubble).toContain('data-rule="goal-vague"');
    expect(bubble).toContain(`Goal 1 “${VAGUE}”`);
    expect(bubble).toContain("sort things out"); // the triggering words, shown as such
    expect(bubble).toMatch(/Raised by/);
    expect(bubble).toContain("Goals are specific and time-bound"); // the practice it comes from
    // Not under the next, unrelated question.
    expect(element(html, "composer")).not.toContain('data-rule="goal-vague"');
    const panel = element(html, "plan-panel");
    expect(panel).toContain('data-rule="goal-vague"');
    expect(panel).toContain(`Goal 1 “${VAGUE}”`);
  });

  it("clears the finding at once when the goal is edited in place (htmx), and on the full page without JavaScript", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: VAGUE });
    let page = text(await (await get(app, `/plans/${id}`)).text());
    expect(element(page, "bubble-g1")).toContain('data-rule="goal-vague"');

    const clear = { issue: "Housing at risk", clientWords: VAGUE, restatement: "Sign a new lease for the flat on Elm Street by 31 January 2027" };
    const html = text(await (await post(app, `/plans/${id}/goals/g1`, { rev: await rev(store, id), ...clear }, { htmx: true })).text());
    expect(element(html, "bubble-g1")).toContain("Sign a new lease");
    expect(element(html, "bubble-g1")).not.toContain('data-rule="goal-vague"');
    expect(element(html, "plan-panel")).not.toContain('data-rule="goal-vague"');
    expect(html).not.toContain('data-rule="goal-vague"');

    // Back to vague, as a plain form post: the full page shows it again beside the goal.
    expect((await post(app, `/plans/${id}/goals/g1`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: VAGUE, restatement: "" })).status).toBe(303);
    page = text(await (await get(app, `/plans/${id}`)).text());
    expect(element(page, "bubble-g1")).toContain('data-rule="goal-vague"');
    expect(element(page, "plan-panel")).toContain('data-rule="goal-vague"');
  });

  it("re-renders a goal's bubble out of band when another answer settles its finding (a barrier added for it)", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: "Keep my flat until the lease ends in March 2027" });
    await post(app, `/plans/${id}/next`, { rev: await rev(store, id) });
    const page = text(await (await get(app, `/plans/${id}`)).text());
    expect(element(page, "bubble-g1")).toContain('data-rule="barrier-missing"');
    const html = text(await (await post(app, `/plans/${id}/barriers`, { rev: await rev(store, id), goalId: "g1", clientWords: "The rent went up", category: "financial-insecurity" }, { htmx: true })).text());
    const oob = element(html, "bubble-g1");
    expect(oob).toContain('hx-swap-oob="true"');
    expect(oob).not.toContain('data-rule="barrier-missing"');
  });

  it("suggests a barrier category beside the barrier without changing the worker's choice, and applies it in one click", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: "Keep my flat until the lease ends in March 2027" });
    await post(app, `/plans/${id}/next`, { rev: await rev(store, id) });
    await post(app, `/plans/${id}/barriers`, { rev: await rev(store, id), goalId: "g1", clientWords: "The bus doesn't come out here and I have no car", category: "financial-insecurity" });
    const page = text(await (await get(app, `/plans/${id}`)).text());
    const barrierId = ((await store.get(id))!.snapshot as { context: { data: { barriers: { id: string }[] } } }).context.data.barriers[0].id;
    const bubble = element(page, `bubble-${barrierId}`);
    expect(bubble).toContain('data-rule="barrier-category"');
    expect(bubble).toMatch(/Barrier to Goal 1 “The bus/);
    expect(bubble).toContain("Use this category: Transportation");
    const stored = (await store.get(id))!.snapshot as { context: { data: { barriers: { category: string }[] } } };
    expect(stored.context.data.barriers[0].category).toBe("financial-insecurity"); // only suggested
    const key = bubble.match(/action="\/plans\/[^/]+\/coaching\/category"[\s\S]*?name="key" value="([^"]+)"/)![1];
    const res = await post(app, `/plans/${id}/coaching/category`, { rev: await rev(store, id), key, category: "transportation" });
    expect(res.status).toBe(303);
    const after = (await store.get(id))!.snapshot as { context: { data: { barriers: { category: string; clientWords: string }[] } } };
    expect(after.context.data.barriers[0]).toMatchObject({ category: "transportation", clientWords: "The bus doesn't come out here and I have no car" });
    // A category the finding does not suggest is refused in words.
    const refused = await post(app, `/plans/${id}/coaching/category`, { rev: await rev(store, id), key, category: "legal" });
    expect(refused.status).toBe(422);
  });

  it("applies a rewrite from a bubble whose form is older than the plan, as long as the suggestion is the one shown", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Depression", clientWords: "I want to reduce my anxiety symptoms" });
    const page = text(await (await get(app, `/plans/${id}`)).text());
    const bubble = element(page, "bubble-g1");
    const form = bubble.match(/<form[^>]*coaching\/apply[\s\S]*?<\/form>/)![0];
    const fields = Object.fromEntries([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    // Another answer moves the plan on; the bubble's form still carries the older version.
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Income", clientWords: "Find a part-time job by June 2027" });
    const res = await post(app, `/plans/${id}/coaching/apply`, fields);
    expect(res.status).toBe(303);
    const goal = ((await store.get(id))!.snapshot as { context: { data: { goals: { restatement?: string }[] } } }).context.data.goals[0];
    expect(goal.restatement).toMatch(/treatment options/i);
    // A suggestion that has changed since it was shown is not applied blindly.
    const changed = await post(app, `/plans/${id}/coaching/apply`, { ...fields, rewrite: "Something else entirely." });
    expect(changed.status).toBe(422);
  });

  it("brings a finding back at once when the answer that settled it is removed", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: "Keep my flat until the lease ends in March 2027", then: "next" });
    await post(app, `/plans/${id}/barriers`, { rev: await rev(store, id), goalId: "g1", clientWords: "The rent went up", category: "financial-insecurity" });
    expect(element(text(await (await get(app, `/plans/${id}`)).text()), "bubble-g1")).not.toContain('data-rule="barrier-missing"');
    const html = text(await (await post(app, `/plans/${id}/barriers/b2/delete`, { rev: await rev(store, id) }, { htmx: true })).text());
    expect(element(html, "bubble-g1")).toContain('data-rule="barrier-missing"');
    expect(element(html, "plan-panel")).toContain('data-rule="barrier-missing"');
  });

  it("keeps the review's list of open findings current when an answer is edited in place", async () => {
    const { app, store, user } = await buildApp();
    let plan = await createPlan(store, SETUP, user.id);
    for (const event of [
      { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: VAGUE } },
      { type: "NEXT" },
      { type: "ADD", kind: "barriers", input: { goalId: "g1", clientWords: "The rent went up", category: "financial-insecurity" } },
      { type: "NEXT" },
      { type: "ADD", kind: "strengths", input: { clientWords: "I never miss an appointment", role: "alone" } },
      { type: "NEXT" },
      { type: "ADD", kind: "actions", input: { goalId: "g1", kind: "referral", description: "Apply to the housing register", responsible: { role: "client" }, targetDate: { kind: "date", date: "2027-01-15" } } },
      { type: "NEXT" },
      { type: "NEXT" },
    ] as PlanEvent[]) plan = await sendEvent(store, plan.id, plan.rev, event);
    expect(plan.step).toBe("review");
    const id = plan.id;
    let page = text(await (await get(app, `/plans/${id}`)).text());
    expect(element(page, "coaching")).toContain('data-rule="goal-vague"');
    const vagueGoals = [...element(page, "coaching").matchAll(/data-rule="goal-vague"/g)].length;
    // The first goal given a measurable, dated restatement from its bubble.
    const html = text(await (await post(app, `/plans/${id}/goals/g1`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: VAGUE, restatement: "Sign a new lease for the flat by 31 January 2027" }, { htmx: true })).text());
    expect(element(html, "bubble-g1")).toContain("Sign a new lease");
    const box = element(html, "coaching");
    expect(box).toContain('hx-swap-oob="true"');
    expect([...box.matchAll(/data-rule="goal-[a-z-]+"[\s\S]*?Goal 1 /g)].length).toBe(0);
    page = text(await (await get(app, `/plans/${id}`)).text());
    expect(element(page, "coaching")).not.toMatch(/Goal 1 “/);
    expect(vagueGoals).toBeGreaterThan(0);
  });

  it("inserts a question's first answer before sending that question's bubble again, so the insertion still finds its place", async () => {
    const { app, store } = await buildApp();
    const id = await atGoals(app);
    await post(app, `/plans/${id}/goals`, { rev: await rev(store, id), issue: "Housing at risk", clientWords: "Keep my flat until the lease ends in March 2027", then: "next" });
    await post(app, `/plans/${id}/barriers`, { rev: await rev(store, id), goalId: "g1", clientWords: "The rent went up", category: "financial-insecurity", then: "next" });
    expect(element(text(await (await get(app, `/plans/${id}`)).text()), "bubble-q-strengths")).toContain('data-rule="strengths-none"');
    const html = await (await post(app, `/plans/${id}/strengths`, { rev: await rev(store, id), clientWords: "I never miss an appointment", role: "alone" }, { htmx: true })).text();
    const inserted = html.indexOf('hx-swap-oob="afterend:#bubble-q-strengths"');
    const replaced = html.search(/<li hx-swap-oob="true" class="bubble[^"]*" id="bubble-q-strengths"/);
    expect(inserted).toBeGreaterThan(-1);
    expect(replaced).toBeGreaterThan(inserted);
  });

  it("lists the same finding on answers worded the same once at the review, naming each, and dismisses them together", async () => {
    const { app, store, user } = await buildApp();
    let plan = await createPlan(store, { ...SETUP, priorityIssues: ["Housing at risk"] }, user.id);
    const events: PlanEvent[] = [];
    for (let i = 0; i < 3; i++) events.push({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: VAGUE } });
    events.push({ type: "NEXT" }, { type: "NEXT" }, { type: "NEXT" });
    events.push({ type: "ADD", kind: "actions", input: { goalId: "g1", kind: "referral", description: "Apply to the housing register", responsible: { role: "client" }, targetDate: { kind: "date", date: "2027-01-15" } } });
    events.push({ type: "NEXT" }, { type: "NEXT" });
    for (const event of events) plan = await sendEvent(store, plan.id, plan.rev, event);
    expect(plan.step).toBe("review");
    const box = element(text(await (await get(app, `/plans/${plan.id}`)).text()), "coaching");
    // Goal 1 has a dated action, so its finding says less; Goals 2 and 3 say the very same.
    expect([...box.matchAll(/data-rule="goal-vague"/g)]).toHaveLength(2);
    expect(box.replace(/<[^>]+>/g, "")).toContain("Goal 2 “I want to sort things out” and 1 more answer worded the same (Goal 3)");
    const key = box.match(/name="key" value="(goal-vague:g2[^"]*)"/)![1];
    expect(key.split(" ")).toEqual(["goal-vague:g2", "goal-vague:g3"]);
    expect((await post(app, `/plans/${plan.id}/coaching/dismiss`, { rev: await rev(store, plan.id), key, reason: "The client's words, kept as a starting point" })).status).toBe(303);
    expect((await store.get(plan.id))!.coaching.dismissed.map((d) => d.key)).toEqual(["goal-vague:g2", "goal-vague:g3"]);
    const after = element(text(await (await get(app, `/plans/${plan.id}`)).text()), "coaching");
    expect([...after.matchAll(/data-rule="goal-vague"/g)]).toHaveLength(1);
    expect(after).toContain("Goal 1 “");
  });
});
