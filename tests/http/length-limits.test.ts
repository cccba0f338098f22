/**
 * The limits agree: an action at its longest, with the longest names, drafts a commitment the plan
 * can hold, in development and in production alike; and whatever the machine makes that the schema
 * would refuse is a 422 in words, never a 500 or a plan that can no longer be read.
 */
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/translator.ts";
import { buildApp, get, post, revOf, text, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { RefusedError, loadPlan, sendEvent } from "../../src/plans/conversation.ts";
import { COMMITMENT_MAX, DESCRIPTION_MAX, NAME_MAX } from "../../src/domain/plan.ts";

const LONG_DESCRIPTION = "Find a flat near the school and visit it together; ".repeat(60).slice(0, DESCRIPTION_MAX - 1) + "x";
const LONG_NAME = "Maria-José ".repeat(20).slice(0, NAME_MAX - 1) + "z";

async function pageRev(app: App, id: string) {
  const res = await get(app, `/plans/${id}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, rev: revOf(html) };
}

for (const mode of ["development", "production"]) {
  describe(`in ${mode}`, () => {
    it("an action at its longest, with the longest name, drafts a commitment the plan holds", async () => {
      const built = await buildApp(undefined, undefined, { NODE_ENV: mode });
      const plan = await planAtReview(built.store, built.user.id);
      const { app } = built;
      let p = await pageRev(app, plan.id);
      expect((await post(app, `/plans/${plan.id}/goto`, { rev: p.rev, step: "actions" })).status).toBe(303);
      p = await pageRev(app, plan.id);
      const added = await post(app, `/plans/${plan.id}/actions`, {
        rev: p.rev, goalId: "g1", kind: "service", description: LONG_DESCRIPTION,
        responsibleRole: "other-support", responsibleName: LONG_NAME, targetKind: "ongoing",
      });
      expect(added.status).toBe(303);
      p = await pageRev(app, plan.id);
      expect((await post(app, `/plans/${plan.id}/goto`, { rev: p.rev, step: "contract" })).status).toBe(303);
      p = await pageRev(app, plan.id);
      const draft = `${LONG_NAME} (other support) will ${LONG_DESCRIPTION.replace(/^F/, "f")} on an ongoing basis, reviewed at the annual review.`;
      expect(draft.length).toBeGreaterThan(DESCRIPTION_MAX);
      expect(draft.length).toBeLessThanOrEqual(COMMITMENT_MAX);
      expect(text(p.html)).toContain(draft);
      // Saved as drafted, and read back from the file as it is.
      const saved = await post(app, `/plans/${plan.id}/commitments`, { rev: p.rev, then: "next" });
      expect(saved.status).toBe(303);
      const again = await buildApp(built.dataDir, undefined, { NODE_ENV: mode });
      const reread = await loadPlan(again.store, plan.id);
      expect(reread?.step).toBe("review");
      expect(reread?.data.actions.at(-1)?.commitment).toBe(draft);
      expect(text((await pageRev(again.app, plan.id)).html)).toContain("Ready to sign.");
    });

    it("data the schema would refuse is refused in words and nothing is saved", async () => {
      const built = await buildApp(undefined, undefined, { NODE_ENV: mode });
      const plan = await planAtReview(built.store, built.user.id);
      // Past the route's own check, straight to the machine: the machine takes it, the schema does not.
      const tooLong = sendEvent(built.store, plan.id, plan.rev, { type: "SET_COMMITMENT", id: "a6", text: "y".repeat(COMMITMENT_MAX + 1) });
      await expect(tooLong).rejects.toBeInstanceOf(RefusedError);
      const refused = (await tooLong.catch((err: RefusedError) => err)) as RefusedError;
      expect(translator("en", "UTC").t(refused.reason)).toBe(`This change cannot be saved: the commitment of an action does not fit the plan. Please keep this under ${COMMITMENT_MAX} characters.`);
      expect((await loadPlan(built.store, plan.id))?.rev).toBe(plan.rev);
    });

    it("a commitment typed past its limit is a 422 that keeps the words", async () => {
      const built = await buildApp(undefined, undefined, { NODE_ENV: mode });
      const plan = await planAtReview(built.store, built.user.id);
      const p = await pageRev(built.app, plan.id);
      const words = "Amira will ask the school ".repeat(100).slice(0, COMMITMENT_MAX + 1);
      const res = await post(built.app, `/plans/${plan.id}/commitments/a6`, { rev: p.rev, text: words });
      expect(res.status).toBe(422);
      const html = text(await res.text());
      expect(html).toContain(`Please keep this under ${COMMITMENT_MAX} characters.`);
      expect(html).toContain(words);
    });
  });
}
