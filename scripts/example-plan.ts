/**
 * Writes data/examples/plan.json: a complete stored plan, made by driving the real conversation
 * machine through every step, so the example always has the format the store writes.
 *   npx tsx scripts/example-plan.ts
 * Rerun it when the machine or the stored format changes (and bump MACHINE_VERSION if needed).
 * The plan follows good practice: `npm run plan:check -- --today 2026-11-24 data/examples/plan.json`
 * finds nothing in it.
 */
import { writeFileSync } from "node:fs";
import { createActor } from "xstate";
import { MACHINE_VERSION, type PlanEvent, planMachine } from "../machines/plan-machine.ts";
import type { Setup } from "../src/domain/plan.ts";
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, StoredPlanSchema } from "../src/store/plan-store.ts";

const OUT = new URL("../data/examples/plan.json", import.meta.url);

const setup: Setup = {
  clientName: "Dana Okafor",
  preferredName: "Dana",
  pronouns: "they/them",
  serviceLength: "short-term",
  assessmentType: "initial",
  planDate: "2026-11-24",
  annualReviewDate: "2027-11-24",
  priorityIssues: ["Housing at risk", "Income", "Low mood"],
};

const cm = { role: "case-manager" as const, name: "Jo Smith" };
const client = { role: "client" as const };

/** Ids come from the machine's counter: g1, g2, d3, b4, … in the order things are added. */
const events: PlanEvent[] = [
  { type: "NEXT" },
  { type: "ADD", kind: "goals", input: {
    issue: "Housing at risk",
    clientWords: "I want to stay in my flat. I'm scared of getting evicted.",
    restatement: "Keep the tenancy at Elm Court by clearing the rent arrears by the end of April 2027.",
  } },
  { type: "ADD", kind: "goals", input: {
    issue: "Income",
    clientWords: "I need more money coming in since my hours at the warehouse were cut.",
    restatement: "Claim the benefits Dana is entitled to, with the first payment arriving by March 2027.",
  } },
  { type: "ADD", kind: "declined", input: { issue: "Low mood", reason: "I'd rather not go into that right now. Maybe next time." } },
  { type: "NEXT" },
  { type: "ADD", kind: "barriers", input: { goalId: "g1", clientWords: "I can't pay the full rent since my hours were cut, so I'm two months behind.", category: "financial-insecurity" } },
  { type: "ADD", kind: "barriers", input: { goalId: "g2", clientWords: "I don't know what I can claim, and the online forms confuse me.", category: "other" } },
  { type: "NEXT" },
  { type: "ADD", kind: "strengths", input: { clientWords: "I'm good with numbers and I keep a budget when I know what's coming in.", role: "alone" } },
  { type: "ADD", kind: "strengths", input: { clientWords: "My sister helps me with paperwork.", role: "with-support" } },
  { type: "ADD", kind: "strengths", input: { clientWords: "I always turn up to appointments.", role: "alone" } },
  { type: "NEXT" },
  { type: "ADD", kind: "actions", input: { goalId: "g1", kind: "referral", description: "Refer Dana to the council's rent arrears fund", responsible: cm, targetDate: { kind: "date", date: "2026-12-08" } } },
  { type: "ADD", kind: "actions", input: { goalId: "g1", kind: "service", description: "Call the landlord to agree a repayment plan for the arrears", responsible: client, targetDate: { kind: "date", date: "2026-12-04" } } },
  { type: "ADD", kind: "actions", input: { goalId: "g2", kind: "advice", description: "Go through a benefits calculator with Dana to see which benefits they can claim", responsible: cm, targetDate: { kind: "date", date: "2026-12-01" } } },
  { type: "ADD", kind: "actions", input: { goalId: "g2", kind: "service", description: "Fill in the benefits claim with my sister", responsible: client, targetDate: { kind: "date", date: "2026-12-15" } } },
  { type: "NEXT" }, // the contract step drafts a commitment for every action
  { type: "SET_COMMITMENT", id: "a9", text: "Jo Smith (case manager) will refer Dana to the council's rent arrears fund and tell Dana the fund's answer by 2026-12-08." },
  { type: "NEXT" },
];

const actor = createActor(planMachine, { input: { setup } });
actor.start();
for (const event of events) {
  const before = actor.getSnapshot();
  actor.send(event);
  if (actor.getSnapshot() === before) throw new Error(`The machine did not take ${JSON.stringify(event)}`);
}
if (actor.getSnapshot().value !== "review") throw new Error(`Stopped at ${String(actor.getSnapshot().value)}, not the review.`);

const plan = {
  format: PLAN_FORMAT,
  formatVersion: PLAN_FORMAT_VERSION,
  id: "ExamplePlanDana1",
  rev: events.length, // one save per answer, as the server does
  createdAt: "2026-11-24T10:02:11.000Z",
  updatedAt: "2026-11-24T11:07:45.000Z",
  machineVersion: MACHINE_VERSION,
  notes: [],
  snapshot: actor.getPersistedSnapshot(),
  reviewLinks: [],
};
actor.stop();
StoredPlanSchema.parse(JSON.parse(JSON.stringify(plan))); // refuse to write what the store would not read
writeFileSync(OUT, JSON.stringify(plan, null, 2) + "\n");
console.log(`Wrote ${OUT.pathname}`);
