/**
 * What an htmx answer sends besides its main fragment: bubbles that are new, changed or gone since
 * the version the page showed, and nothing for a bubble that says the same as before.
 */
import { describe, expect, it } from "vitest";
import { outOfBand } from "../../src/http/fragments.ts";
import { sendEvent, summarize } from "../../src/plans/conversation.ts";
import { type Bubble, sameBubble, transcript } from "../../src/plans/transcript.ts";
import { createRenderer } from "../../src/render.ts";
import { translator } from "../../src/i18n/translator.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { tempDir } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";

// Rendered as a request in English would be (the language middleware hands every template its translator).
const english = translator("en", "UTC");
const base = createRenderer({ cache: true });
const render = (template: string, data: Record<string, unknown> = {}) => base(template, { t: english.t, i18n: english, lang: "en", dir: "ltr", languages: [], ...data });

describe("the bubbles an answer sends", () => {
  it("re-sends the bubbles whose words changed with an edit, and only those", async () => {
    const store = new LowdbPlanStore({ dataDir: tempDir(), now: () => new Date("2026-11-24T10:00:00Z"), summarize });
    const before = await planAtReview(store);
    const after = await sendEvent(store, before.id, before.rev, { type: "UPDATE", kind: "goals", id: "g1", input: { issue: "Housing at risk", clientWords: "Stay in my flat with my children" } });
    const html = outOfBand(render, before, after, "g1");
    // The barrier and the actions on goal g1 name it, so they changed too.
    // (Ids come from one counter: b4 is the barrier to g1, a6 and a9 are actions for it, a7 for g2.)
    expect(html).toContain('id="bubble-b4"');
    expect(html).toContain('id="bubble-a6"');
    expect(html).toContain('id="bubble-a9"');
    expect(html).toContain("Stay in my flat with my children");
    // The edited bubble itself is the main fragment, not repeated; other goals' bubbles are unchanged.
    expect(html).not.toContain('id="bubble-g1"');
    expect(html).not.toContain('id="bubble-g2"');
    expect(html).not.toContain('id="bubble-s5"');
    expect(html).not.toContain('id="bubble-a7"');
    await store.close();
  });

  it("tells bubbles apart by every word and detail, and equal ones as equal", async () => {
    const store = new LowdbPlanStore({ dataDir: tempDir(), now: () => new Date("2026-11-24T10:00:00Z"), summarize });
    const plan = await planAtReview(store);
    // Another plan's copy: bubbles made separately (a later version of the same plan would share them).
    const [a, b] = [transcript(plan), transcript({ ...plan, id: "another-plan-id1" })];
    expect(a.length).toBeGreaterThan(10); // questions and answers of a plan at review
    expect(b).toHaveLength(a.length);
    a.forEach((bubble, i) => expect(bubble).not.toBe(b[i]));
    a.forEach((bubble, i) => expect(sameBubble(bubble, b[i])).toBe(true));
    const first = a.find((x) => x.id === "b4")!;
    expect(sameBubble(first, { ...first, details: [...first.details, "more"] })).toBe(false);
    expect(sameBubble(first, { ...first, details: first.details.map((d) => d + " ") })).toBe(false);
    expect(sameBubble(first, { ...first, edit: { kind: "barriers", id: "b2" } })).toBe(false);
    expect(sameBubble(first, { ...first, text: (first.text as string).normalize("NFD") + "́" })).toBe(false);
    // A member only one of the two has, on either side, even with nothing in it.
    const { edit, ...noEdit } = first;
    expect(edit).toBeDefined();
    expect(sameBubble(first, noEdit as Bubble)).toBe(false);
    expect(sameBubble(noEdit as Bubble, first)).toBe(false);
    expect(sameBubble(noEdit as Bubble, { ...noEdit, edit: undefined } as Bubble)).toBe(false);
    expect(sameBubble({ ...noEdit, other: edit } as Bubble, first)).toBe(false);
    await store.close();
  });

  it("shares the bubbles an answer left unchanged with the version before, and makes the changed ones anew", async () => {
    const store = new LowdbPlanStore({ dataDir: tempDir(), now: () => new Date("2026-11-24T10:00:00Z"), summarize });
    const before = await planAtReview(store);
    const after = await sendEvent(store, before.id, before.rev, { type: "UPDATE", kind: "goals", id: "g2", input: { issue: "Income", clientWords: "Find work I can do from home" } });
    const [was, now] = [transcript(before), transcript(after)];
    const byId = new Map(was.map((b) => [b.id, b]));
    const changed = now.filter((b) => b !== byId.get(b.id)).map((b) => b.id);
    expect(changed).toContain("g2");
    expect(now.find((b) => b.id === "g2")?.text).toContain("Find work I can do from home");
    expect(byId.get("g2")?.text).not.toContain("Find work I can do from home");
    expect(now.find((b) => b.id === "g1")).toBe(byId.get("g1"));
    expect(changed.length).toBeLessThan(now.length / 2);
    await store.close();
  });
});
