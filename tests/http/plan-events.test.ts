/** deps.planEvents tells each saved change (id, rev) once it is acknowledged, with the embedded store too. */
import { expect, it } from "vitest";
import { createPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, post } from "../helpers/app.ts";

it("tells every saved answer, and not a refused one, with the embedded store", async () => {
  const { app, store, user, deps } = await buildApp();
  const heard: string[] = [];
  deps.planEvents.onPlanChanged((id, rev) => heard.push(`${id}@${rev}`));
  const plan = await createPlan(store, { ...SETUP, clientName: "Zofia Kowalczyk" }, user.id);
  const answer = (words: string) => post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words });
  expect((await answer("Keep my flat")).status).toBe(303);
  expect((await answer("Move nearer my sister")).status).toBe(409);
  expect(heard).toEqual([`${plan.id}@1`, `${plan.id}@2`]);
  await store.close?.();
});
