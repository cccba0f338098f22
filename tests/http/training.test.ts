import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, post, signIn, text, withCookie, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";

/** Posts an answer the way a plain form does and checks it was taken (303 back to the page). */
async function answer(app: App, path: string, fields: Record<string, string>) {
  const res = await post(app, path, fields);
  expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 300)}`).toBe(303);
  return res;
}

async function trainee() {
  const built = await buildApp();
  await addUser(built.deps, "trainee", "tess");
  await addUser(built.deps, "supervisor", "sam");
  const tess = withCookie(built.raw, await signIn(built.raw, "tess"));
  const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
  return { ...built, tess, sam };
}

describe("coaching in the conversation and training mode", () => {
  it("coaches the classic mistakes as they happen, copies rewrites into the worker's words only, and scores the plan", async () => {
    const { tess, sam, app, store } = await trainee();
    const start = await post(tess, "/training", { scenario: "housing-health-supports" });
    expect(start.status).toBe(303);
    const id = start.headers.get("Location")!.split("/").pop()!;
    const rev = async () => String((await store.get(id))!.rev);

    let page = text(await (await get(tess, `/plans/${id}`)).text());
    expect(page).toContain("Practice: made-up clients for training");
    expect(page).toContain("What Sam Reyes (practice) might say");

    // A treatment goal: flagged as outside a case manager's role, with a rewrite for the restatement.
    const words = "I want to reduce my anxiety symptoms";
    let html = text(await (await post(tess, `/plans/${id}/goals`, { rev: await rev(), issue: "Mental health", clientWords: words }, { htmx: true })).text());
    expect(html).toContain('data-rule="goal-scope"');
    const key = html.match(/name="key" value="(goal-scope:[^"]+)"/)![1];
    html = text(await (await post(tess, `/plans/${id}/coaching/apply`, { rev: await rev(), key })).text());
    let stored = (await store.get(id))!;
    let goal = (stored.snapshot as { context: { data: { goals: { clientWords: string; restatement?: string }[] } } }).context.data.goals[0];
    expect(goal.clientWords).toBe(words); // the client's words never change
    expect(goal.restatement).toMatch(/treatment options/i);

    await answer(tess, `/plans/${id}/goals`, { rev: await rev(), issue: "Housing at risk", clientWords: "I don't want to lose my home." });
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    await answer(tess, `/plans/${id}/barriers`, { rev: await rev(), goalId: "g1", clientWords: "My symptoms are bad and I have no doctor", category: "lack-of-health-supports" });
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    await answer(tess, `/plans/${id}/strengths`, { rev: await rev(), clientWords: "I'm good with computers", role: "alone" });
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    // "Ongoing" for something that is not keeping up a skill.
    html = text(await (await post(tess, `/plans/${id}/actions`, { rev: await rev(), goalId: "g2", kind: "service", description: "Open post together each week", responsibleRole: "case-manager", targetKind: "ongoing" }, { htmx: true })).text());
    expect(html).toContain('data-rule="target-ongoing"');
    await answer(tess, `/plans/${id}/actions`, { rev: await rev(), goalId: "g1", kind: "referral", description: "Find a doctor", responsibleRole: "case-manager", targetKind: "date", targetDate: "2026-12-20" });
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    // Over-promising in the contract wording, and its rewrite into the commitment.
    const ids = (await store.get(id))!;
    const actions = (ids.snapshot as { context: { data: { actions: { id: string }[] } } }).context.data.actions;
    html = text(await (await post(tess, `/plans/${id}/commitments`, { rev: await rev(), [`text-${actions[0].id}`]: "I will open the post with you every week.", [`text-${actions[1].id}`]: "I will find you a doctor." }, { htmx: true })).text());
    expect(html).toContain('data-rule="contract-over-promise"');
    const promiseKey = html.match(/name="key" value="(contract-over-promise:[^"]+)"/)![1];
    await answer(tess, `/plans/${id}/coaching/apply`, { rev: await rev(), key: promiseKey });
    stored = (await store.get(id))!;
    const commitment = (stored.snapshot as { context: { data: { actions: { commitment?: string }[] } } }).context.data.actions[1].commitment;
    expect(commitment).toMatch(/research options/i);

    // The review lists what is open; one is dismissed with a reason, which is kept.
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    page = text(await (await get(tess, `/plans/${id}`)).text());
    expect(page).toContain('data-rule="target-ongoing"');
    const ongoingKey = page.match(/name="key" value="(target-ongoing:[^"]+)"/)![1];
    expect((await post(tess, `/plans/${id}/coaching/dismiss`, { rev: await rev(), key: ongoingKey, reason: "Sam asked for a standing weekly slot" })).status).toBe(303);
    stored = (await store.get(id))!;
    expect(stored.coaching.dismissed).toMatchObject([{ rule: "target-ongoing", reason: "Sam asked for a standing weekly slot" }]);
    page = text(await (await get(tess, `/plans/${id}`)).text());
    expect(page).not.toContain('data-rule="target-ongoing"');

    // The scorecard explains each finding and what a stronger plan does.
    const card = text(await (await get(tess, `/plans/${id}/scorecard`)).text());
    expect(card).toMatch(/\d+ out of 100/);
    expect(card).toContain("A stronger plan");

    // Kept out of real work: no caseload, no export; supervisors see it under training.
    expect((await get(tess, "/caseload")).status).toBe(403);
    const supervisor = text(await (await get(sam, "/supervisor")).text());
    expect(supervisor).toContain("Casey"); // the page lists caseloads at all
    expect(supervisor).not.toContain("Sam Reyes");
    expect(text(await (await get(sam, "/training")).text())).toContain("Sam Reyes (practice)");
    expect((await get(sam, `/plans/${id}/scorecard`)).status).toBe(200);
    expect((await get(tess, `/plans/${id}/export.json`)).status).toBe(404);
  }, 60_000);

  it("keeps a trainee out of real plans and other trainees' practice, and practice out of the caseload", async () => {
    const { tess, app, store, user, raw, deps } = await trainee();
    const real = await planAtReview(store, user.id);
    expect((await get(app, `/plans/${real.id}`)).status).toBe(200);
    expect((await get(tess, `/plans/${real.id}`)).status).toBe(404);

    await addUser(deps, "trainee", "tom");
    const tom = withCookie(raw, await signIn(raw, "tom"));
    const started = await post(tom, "/training", { scenario: "low-mood" });
    expect(started.status).toBe(303);
    const practice = started.headers.get("Location")!;
    expect(text(await (await get(tom, practice)).text())).toContain("Priya Nair (practice)");
    expect((await get(tess, practice)).status).toBe(404);

    // A case manager's own practice is not real work: in training, never on the caseload.
    expect((await post(app, "/training", { scenario: "low-mood" })).status).toBe(303);
    expect(text(await (await get(app, "/training")).text())).toContain("Priya Nair (practice)");
    const caseload = text(await (await get(app, "/caseload")).text());
    expect(caseload).toContain("Amira Haddad");
    expect(caseload).not.toContain("Priya Nair");
  });
});

/** The suggested answers' forms on a practice plan's page, by their button label. */
function suggestionForms(html: string): { label: string; fields: Record<string, string>; action: string }[] {
  const box = html.slice(html.indexOf('class="scenario-answers"'));
  return [...box.matchAll(/<form method="post" action="([^"]+)"[\s\S]*?<\/form>/g)]
    .filter((m) => m[1].includes("/suggestions"))
    .map((m) => ({
      action: m[1],
      label: text(m[0].match(/<button[^>]*>([\s\S]*?)<\/button>/)![1]),
      fields: Object.fromEntries([...m[0].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((f) => [f[1], text(f[2])])),
    }));
}

describe("training suggestions are used once", () => {
  it("stops offering a suggested answer once used, refuses it again in plain words, and the scorecard counts repeats", async () => {
    const { tess, store } = await trainee();
    const id = (await post(tess, "/training", { scenario: "housing-health-supports" })).headers.get("Location")!.split("/").pop()!;
    const rev = async () => String((await store.get(id))!.rev);
    let page = text(await (await get(tess, `/plans/${id}`)).text());
    const offered = suggestionForms(page);
    const first = offered.find((o) => o.label.includes("I don't want to lose my home"))!;
    expect(first).toBeDefined();

    expect((await post(tess, first.action, { ...first.fields, rev: await rev() })).status).toBe(303);
    page = text(await (await get(tess, `/plans/${id}`)).text());
    expect(suggestionForms(page).map((o) => o.label)).not.toContain(first.label);
    expect(suggestionForms(page).length).toBe(offered.length - 1);

    // The same suggestion again (a double click, an old tab): refused, said plainly, nothing added.
    for (const htmx of [false, true]) {
      const again = await post(tess, first.action, { ...first.fields, rev: await rev() }, { htmx });
      expect(again.status).toBe(422);
      expect(text(await again.text())).toContain("That suggested answer has already been used");
    }
    const goals = ((await store.get(id))!.snapshot as { context: { data: { goals: unknown[] } } }).context.data.goals;
    expect(goals).toHaveLength(1);

    // Repeats typed by hand still count against the plan on the scorecard.
    for (let i = 0; i < 2; i++) await answer(tess, `/plans/${id}/goals`, { rev: await rev(), issue: "Housing at risk", clientWords: "I don't want to lose my home. I just can't face the letters." });
    const card = text(await (await get(tess, `/plans/${id}/scorecard`)).text());
    expect(card).toMatch(/Repeated answers \(1\)/);
    expect(card.replace(/<[^>]+>/g, "")).toContain("The goal “I don't want to lose my home. I just can't face the letters.” appears 3 times");
  }, 60_000);

  it("refuses a suggestion that is not the scenario's, and offers none on a real plan", async () => {
    const { tess, app, store, user } = await trainee();
    const id = (await post(tess, "/training", { scenario: "housing-health-supports" })).headers.get("Location")!.split("/").pop()!;
    const res = await post(tess, `/plans/${id}/suggestions`, { rev: String((await store.get(id))!.rev), suggestion: "goals-99" });
    expect(res.status).toBe(422);
    const real = await planAtReview(store, user.id);
    const none = await post(app, `/plans/${real.id}/suggestions`, { rev: String(real.rev), suggestion: "goals-0" });
    expect(none.status).toBe(422);
    expect(text(await none.text())).toContain("Suggested answers are offered on practice plans only.");
  });

  it("flags “I, the case manager, will reduce anxiety symptoms” as outside a case manager's role, beside the commitment", async () => {
    const { tess, store } = await trainee();
    const id = (await post(tess, "/training", { scenario: "housing-health-supports" })).headers.get("Location")!.split("/").pop()!;
    const rev = async () => String((await store.get(id))!.rev);
    await answer(tess, `/plans/${id}/goals`, { rev: await rev(), issue: "Mental health", clientWords: "I want to feel less anxious all the time." });
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    await answer(tess, `/plans/${id}/barriers`, { rev: await rev(), goalId: "g1", clientWords: "I have no doctor", category: "lack-of-health-supports", then: "next" });
    await answer(tess, `/plans/${id}/strengths`, { rev: await rev(), clientWords: "I'm good with computers", role: "alone", then: "next" });
    const action = await post(tess, `/plans/${id}/actions`, { rev: await rev(), goalId: "g1", kind: "service", description: "I, the case manager, will reduce anxiety symptoms", responsibleRole: "case-manager", targetKind: "date", targetDate: "2026-12-20" }, { htmx: true });
    const html = text(await action.text());
    expect(action.status, html.slice(0, 300)).toBe(200);
    expect(html).toContain('data-rule="action-scope"');
    expect(html).toContain("Action “I, the case manager, will reduce anxiety symptoms”");
    await answer(tess, `/plans/${id}/next`, { rev: await rev() });
    await answer(tess, `/plans/${id}/commitments`, { rev: await rev(), "text-a4": "I, the case manager, will reduce anxiety symptoms." });
    const page = text(await (await get(tess, `/plans/${id}`)).text());
    const bubble = page.slice(page.indexOf('id="bubble-c-a4"'), page.indexOf("</li>", page.indexOf('id="bubble-c-a4"')) + 5);
    expect(bubble).toContain('data-rule="action-scope"');
    expect(bubble).toMatch(/refer/i);
    const card = text(await (await get(tess, `/plans/${id}/scorecard`)).text());
    expect(card).toContain('data-rule="action-scope"');
    expect(card).toContain("Commitment for action “I, the case manager, will reduce anxiety symptoms”"); // the same explanation as in the conversation
    expect(card).toContain("Raised by the words");
    expect(card).toContain("Stay within the role");
  }, 60_000);
});
