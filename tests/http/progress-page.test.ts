/**
 * Issue 19, items 1 and 4: the progress page is one form (one Save saves every changed row, and a
 * refusal keeps every row's typed words), and it goes on for the signed version in force while a
 * reassessment's draft of the next version exists.
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post, revOf, text } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("the progress page, one form", () => {
  it("saves every changed row with one Save, and on a refusal keeps what was typed in every row", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const page = await (await get(app, `/plans/${plan.id}/progress`)).text();
    // One form for the statuses, reasons and the note: no row has its own Save.
    const forms = page.match(/<form method="post" action="[^"]*"/g) ?? [];
    expect(forms.filter((f) => f.includes("/progress"))).toEqual([`<form method="post" action="/plans/${plan.id}/progress"`]);
    const rev = revOf(page);

    const refused = await post(app, `/plans/${plan.id}/progress`, {
      rev,
      "status-a6": "done",
      "status-a7": "in-progress",
      "reason-a7": "Half the form is filled",
      "status-a8": "not-done",
      "reason-a8": "",
      "goal-g2": "achieved",
      target: "action:a7",
      kind: "progress",
      text: "Met at the library",
    });
    expect(refused.status).toBe(422);
    const again = text(await refused.text());
    // The message sits beside the row it is about, and every typed word is still there.
    expect(again).toMatch(/id="action-a8"[\s\S]*?Say why the action was not done[\s\S]*?id="action-a9"/);
    expect(again).toContain('value="Half the form is filled"');
    expect(again).toContain("Met at the library</textarea>");
    expect(again).toMatch(/id="status-a6"[^>]*>[\s\S]*?<option value="done" selected>/);
    expect(again).toMatch(/id="goal-g2"[^>]*>[\s\S]*?<option value="achieved" selected>/);
    expect((await store.get(plan.id))!.progress.log).toEqual([]); // nothing saved

    const saved = await post(app, `/plans/${plan.id}/progress`, {
      rev,
      "status-a6": "done",
      "status-a7": "in-progress",
      "status-a8": "not-done",
      "reason-a8": "The clinic closed",
      "status-a9": "not-started",
      "goal-g1": "in-progress",
      "goal-g2": "achieved",
      target: "action:a7",
      kind: "progress",
      text: "Met at the library",
    });
    expect(saved.status).toBe(303);
    const stored = (await store.get(plan.id))!;
    // Only the rows that changed are recorded.
    expect(stored.progress.log.map((l) => `${l.target.id}:${l.status}`).sort()).toEqual(["a6:done", "a7:in-progress", "a8:not-done", "g2:achieved"]);
    expect(stored.progress.actions.a8.reason).toBe("The clinic closed");
    expect(stored.progress.notes.map((n) => n.text)).toEqual(["Met at the library"]);
  });
});

describe("progress while a reassessment is a draft", () => {
  it("goes on for the signed version in force, and carried items bring it into the draft", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const rev = async () => String((await store.get(plan.id))!.rev);
    // g3 achieved: it and its actions (a8, a11) stay in version 1, not carried into the draft.
    expect((await post(app, `/plans/${plan.id}/progress`, { rev: await rev(), "goal-g3": "achieved" })).status).toBe(303);
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: await rev() })).status).toBe(303);

    const page = await get(app, `/plans/${plan.id}/progress`);
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain("Signed version 1, in force");
    expect((await post(app, `/plans/${plan.id}/progress`, { rev: await rev(), "status-a7": "in-progress", "status-a8": "done" })).status).toBe(303);
    const stored = (await store.get(plan.id))!;
    expect(stored.sealed).toBeUndefined();
    expect(stored.history[0].progress.actions.a7?.status).toBe("in-progress");
    expect(stored.history[0].progress.actions.a8?.status).toBe("done");
    expect(stored.history[0].progress.log.every((l) => l.version === 1)).toBe(true);
    // a7 was carried into the draft: its status comes along; nothing is added for what was not carried.
    expect(stored.progress.actions.a7?.status).toBe("in-progress");
    expect(stored.progress.actions.a8).toBeUndefined();
  });
});
