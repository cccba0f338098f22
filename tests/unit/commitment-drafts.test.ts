import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/translator.ts";
import { createActor } from "xstate";
import { planMachine } from "../../machines/plan-machine.ts";
import { whyCannotSign } from "../../machines/rules.ts";
import { commitmentMismatches, draftCommitment } from "../../machines/commitment.ts";
import { type Action, COMMITMENT_MAX, DESCRIPTION_MAX, NAME_MAX, PlanDataSchema, RESPONSIBLE_ROLES } from "../../src/domain/plan.ts";
import { ACTION, BARRIER, GOAL, SETUP } from "../fixtures.ts";

/** A fresh plan driven to the review step with one goal and one action (a1, Jo Smith, 2026-12-15). */
function atReview() {
  const actor = createActor(planMachine, { input: { setup: SETUP } });
  actor.start();
  actor.send({ type: "NEXT" });
  actor.send({ type: "ADD", kind: "goals", input: GOAL });
  actor.send({ type: "NEXT" });
  actor.send({ type: "ADD", kind: "barriers", input: BARRIER("g1") });
  actor.send({ type: "NEXT" });
  actor.send({ type: "NEXT" });
  actor.send({ type: "ADD", kind: "actions", input: ACTION("g1") });
  actor.send({ type: "NEXT" });
  actor.send({ type: "NEXT" });
  expect(actor.getSnapshot().value).toBe("review");
  return actor;
}

const action = (actor: ReturnType<typeof atReview>) => actor.getSnapshot().context.data.actions[0];
const moveDate = (actor: ReturnType<typeof atReview>, date: string) =>
  actor.send({ type: "UPDATE", kind: "actions", id: "a3", input: { ...ACTION("g1"), targetDate: { kind: "date", date } } });

describe("a commitment drafted from its action", () => {
  it("follows its action when the action's date, person or words change", () => {
    const actor = atReview();
    expect(action(actor).commitment).toBe("Jo Smith (case manager) will refer to the rent assistance programme by 2026-12-15.");
    moveDate(actor, "2027-01-15");
    expect(action(actor).commitment).toBe("Jo Smith (case manager) will refer to the rent assistance programme by 2027-01-15.");
    actor.send({ type: "UPDATE", kind: "actions", id: "a3", input: { ...ACTION("g1"), responsible: { role: "client" }, description: "Apply for rent help" } });
    expect(action(actor).commitment).toBe("I, the client, will apply for rent help by 2026-12-15.");
  });

  it("follows a change of the annual review date when the target is the annual review", () => {
    const actor = atReview();
    actor.send({ type: "UPDATE", kind: "actions", id: "a3", input: { ...ACTION("g1"), targetDate: { kind: "annual-review" } } });
    expect(action(actor).commitment).toContain("by the annual review on 2027-11-24.");
    actor.send({ type: "SET_SETUP", setup: { ...SETUP, annualReviewDate: "2027-10-01" } });
    expect(action(actor).commitment).toContain("by the annual review on 2027-10-01.");
  });

  it("is re-drafted in the client's language when it changes, while hand-written wording stays and is flagged (issue 22)", () => {
    const actor = atReview();
    actor.send({ type: "SET_SETUP", setup: { ...SETUP, clientLanguage: "es" } });
    expect(action(actor).commitment).toBe("Jo Smith (gestor/a de casos) se compromete a refer to the rent assistance programme a más tardar el 2026-12-15.");
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "Jo llamará al programa de alquiler." });
    actor.send({ type: "SET_SETUP", setup: { ...SETUP, clientLanguage: "zh-Hans" } });
    expect(action(actor).commitment).toBe("Jo llamará al programa de alquiler.");
    expect(commitmentMismatches(actor.getSnapshot().context.data, actor.getSnapshot().context.drafts ?? {})[0]?.draft).toBe(
      "Jo Smith（个案管理员）将refer to the rent assistance programme，于2026-12-15前完成。",
    );
  });

  it("follows its action also after going back to the actions step", () => {
    const actor = atReview();
    actor.send({ type: "GOTO", step: "actions" });
    moveDate(actor, "2027-02-01");
    actor.send({ type: "GOTO", step: "review" });
    expect(actor.getSnapshot().value).toBe("review");
    expect(action(actor).commitment).toContain("by 2027-02-01.");
  });

  it("keeps hand-written wording, and refuses signing until it is re-drafted", () => {
    const actor = atReview();
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "Jo will call the rent programme with Amira by 15 December." });
    moveDate(actor, "2027-01-15");
    expect(action(actor).commitment).toBe("Jo will call the rent programme with Amira by 15 December.");
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("review"); // the machine refuses to go on to signing
    actor.send({ type: "REDRAFT_COMMITMENT", id: "a3" });
    expect(action(actor).commitment).toBe("Jo Smith (case manager) will refer to the rent assistance programme by 2027-01-15.");
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("signing");
  });

  it("keeps hand-written wording once the worker confirms it, until the action changes again", () => {
    const actor = atReview();
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "Jo will call the rent programme with Amira." });
    moveDate(actor, "2027-01-15");
    actor.send({ type: "KEEP_COMMITMENT", id: "a3" });
    expect(action(actor).commitment).toBe("Jo will call the rent programme with Amira.");
    moveDate(actor, "2027-03-01");
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("review");
    actor.send({ type: "KEEP_COMMITMENT", id: "a3" });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("signing");
  });

  it("a hand edit that leaves the action alone needs no confirmation", () => {
    const actor = atReview();
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "Jo will call the rent programme with Amira." });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("signing");
  });

  it("says why signing is refused, naming the commitment and the action", () => {
    const actor = atReview();
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "Jo will call the rent programme." });
    moveDate(actor, "2027-01-15");
    const { data, drafts } = actor.getSnapshot().context;
    const why = whyCannotSign({ consent: { noticeVersion: "1", at: "2026-11-24T10:00:00Z", parties: ["client", "case-manager"] }, signatures: [], data, drafts }, {
      party: "client", name: "Amira", method: "typed", typedName: "Amira", agreed: true, at: "2026-11-24T10:00:00Z", ip: "x", userAgent: "x", contentHash: "h",
    });
    const words = translator("en", "UTC").t(why!);
    expect(words).toContain("“Jo will call the rent programme.”");
    expect(words).toContain("“Refer to the rent assistance programme”");
    expect(words).toContain("no longer matches");
  });

  it("the machine takes no signature over a commitment that contradicts its action (a plan saved before drafts were recorded)", () => {
    const actor = atReview();
    actor.send({ type: "NEXT" });
    actor.send({ type: "CONSENT", consent: { noticeVersion: "1", at: "2026-11-24T10:00:00Z", parties: ["client", "case-manager"] } });
    const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    expect(saved.value).toBe("signing");
    // As stored by an older Coplan: a stale sentence beside a moved action, and no record of drafts.
    delete saved.context.drafts;
    saved.context.data.actions[0].commitment = "Jo will call the rent programme by 1 December.";
    const restored = createActor(planMachine, { snapshot: saved, input: { setup: SETUP } });
    restored.start();
    const signature = { party: "client" as const, name: "Amira", method: "typed" as const, typedName: "Amira", agreed: true as const, at: "2026-11-24T10:00:00Z", ip: "x", userAgent: "x", contentHash: "h" };
    restored.send({ type: "SIGN", signature });
    expect(restored.getSnapshot().context.signatures).toEqual([]);
  });

  it("survives a JSON round trip of the snapshot with its draft record", () => {
    const actor = atReview();
    const restored = createActor(planMachine, { snapshot: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())), input: { setup: SETUP } });
    restored.start();
    moveDate(restored, "2027-01-15");
    expect(action(restored).commitment).toContain("by 2027-01-15.");
  });
});

describe("length limits", () => {
  it("a maximal action with a maximal name drafts a commitment the schema accepts", () => {
    const actor = atReview();
    actor.send({ type: "GOTO", step: "actions" });
    const longest = { ...ACTION("g1"), description: "x".repeat(2000), responsible: { role: "other-support" as const, name: "N".repeat(120) }, targetDate: { kind: "ongoing" as const } };
    actor.send({ type: "UPDATE", kind: "actions", id: "a3", input: longest });
    actor.send({ type: "GOTO", step: "review" });
    const { data } = actor.getSnapshot().context;
    expect(data.actions[0].commitment).toBe(draftCommitment(data.actions[0], data));
    expect(data.actions[0].commitment!.length).toBeGreaterThan(2000);
    expect(PlanDataSchema.safeParse(data).success).toBe(true);
  });
});

describe.each(["en", "es", "ar", "zh-Hans"])("the commitment limit holds the longest draft in %s", (clientLanguage) => {
  const plan = { setup: { ...SETUP, clientLanguage }, goals: [], declined: [], barriers: [], strengths: [], actions: [] };
  const targets = [{ kind: "date", date: "2027-12-31" }, { kind: "ongoing" }, { kind: "annual-review" }] as const;
  for (const role of RESPONSIBLE_ROLES) {
    for (const name of [undefined, "Ñ".repeat(NAME_MAX)]) {
      for (const targetDate of targets) {
        it(`${role}, ${name ? "longest name" : "no name"}, ${targetDate.kind}`, () => {
          const action: Action = { ...ACTION("g1"), id: "a1", status: "not-started", description: "w".repeat(DESCRIPTION_MAX), responsible: { role, name }, targetDate };
          expect(draftCommitment(action, plan).length).toBeLessThanOrEqual(COMMITMENT_MAX);
        });
      }
    }
  }
});
