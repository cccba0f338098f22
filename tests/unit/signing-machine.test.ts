import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { planMachine } from "../../machines/plan-machine.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { ACTION, BARRIER, GOAL, SETUP } from "../fixtures.ts";

const HASH = "a".repeat(64);
const sig = (party: Signature["party"], contentHash = HASH): Signature => ({
  party,
  name: party === "client" ? "Amira Haddad" : "Jo Smith",
  method: "typed",
  typedName: party === "client" ? "Amira Haddad" : "Jo Smith",
  agreed: true,
  at: "2026-11-24T10:00:00.000Z",
  ip: "127.0.0.1",
  userAgent: "test",
  contentHash,
});
const CONSENT = { type: "CONSENT" as const, consent: { noticeVersion: "v1", at: "2026-11-24T09:59:00.000Z", parties: ["client", "case-manager"] as ("client" | "case-manager")[] } };

function atSigning() {
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
  actor.send({ type: "NEXT" });
  expect(actor.getSnapshot().value).toBe("signing");
  return actor;
}

describe("signing in the machine", () => {
  it("refuses a signature before both have agreed to sign electronically", () => {
    const actor = atSigning();
    actor.send({ type: "SIGN", signature: sig("client") });
    expect(actor.getSnapshot().context.signatures).toHaveLength(0);
  });

  it("does not finish with one signature", () => {
    const actor = atSigning();
    actor.send(CONSENT);
    actor.send({ type: "SIGN", signature: sig("client") });
    expect(actor.getSnapshot().value).toBe("signing");
    actor.send({ type: "SIGN", signature: sig("client") });
    expect(actor.getSnapshot().context.signatures).toHaveLength(1);
  });

  it("is signed once both have signed the same content, and then nothing changes it", () => {
    const actor = atSigning();
    actor.send(CONSENT);
    actor.send({ type: "SIGN", signature: sig("client") });
    actor.send({ type: "SIGN", signature: sig("case-manager") });
    expect(actor.getSnapshot().value).toBe("signed");
    const before = JSON.stringify(actor.getSnapshot().context);
    actor.send({ type: "UPDATE", kind: "goals", id: "g1", input: { ...GOAL, clientWords: "changed" } });
    actor.send({ type: "ADD", kind: "goals", input: GOAL });
    actor.send({ type: "GOTO", step: "goals" });
    expect(actor.getSnapshot().value).toBe("signed");
    expect(JSON.stringify(actor.getSnapshot().context)).toBe(before);
  });

  it("refuses a second signature over different content", () => {
    const actor = atSigning();
    actor.send(CONSENT);
    actor.send({ type: "SIGN", signature: sig("client") });
    actor.send({ type: "SIGN", signature: sig("case-manager", "b".repeat(64)) });
    expect(actor.getSnapshot().value).toBe("signing");
  });

  it("takes no edits while signing, and going back clears consent and signatures", () => {
    const actor = atSigning();
    actor.send(CONSENT);
    actor.send({ type: "SIGN", signature: sig("client") });
    actor.send({ type: "ADD", kind: "goals", input: GOAL });
    expect(actor.getSnapshot().context.data.goals).toHaveLength(1);
    actor.send({ type: "GOTO", step: "review" });
    expect(actor.getSnapshot().value).toBe("review");
    expect(actor.getSnapshot().context.signatures).toEqual([]);
    expect(actor.getSnapshot().context.consent).toBeUndefined();
  });
});
