import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/signing/canonical.ts";
import { contentHash, seal, verifySeal } from "../../src/signing/seal.ts";
import { emptyPlan } from "../../src/domain/plan.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { GOAL, SETUP } from "../fixtures.ts";

const data = { ...emptyPlan(SETUP), goals: [{ id: "g1", ...GOAL }] };
const ID = "AAAAAAAAAAAAAAAA";

function sealed() {
  const hash = contentHash(ID, 1, data);
  const s = (party: Signature["party"]): Signature => ({ party, name: "N", method: "typed", typedName: "N", agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "t", contentHash: hash });
  return seal(ID, 1, data, { noticeVersion: "v", at: "x", parties: ["client", "case-manager"] }, [s("client"), s("case-manager")], "2026-11-24T10:00:00.000Z");
}

describe("the seal", () => {
  it("serialises the same content to the same bytes whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: "é", c: null }], u: undefined })).toBe('{"a":[{"c":null,"d":"é"}],"b":1}');
    const reordered = { setup: data.setup, actions: [], strengths: [], barriers: [], declined: [], goals: data.goals };
    expect(contentHash(ID, 1, reordered)).toBe(contentHash(ID, 1, data));
  });

  it("gives another hash for any change, down to one character", () => {
    const changed = { ...data, goals: [{ ...data.goals[0], clientWords: data.goals[0].clientWords + " " }] };
    expect(contentHash(ID, 1, changed)).not.toBe(contentHash(ID, 1, data));
    expect(contentHash("BBBBBBBBBBBBBBBB", 1, data)).not.toBe(contentHash(ID, 1, data));
  });

  it("verifies an untouched seal and reads back the client's words exactly", () => {
    const check = verifySeal(ID, sealed());
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.data.goals[0].clientWords).toBe(GOAL.clientWords);
  });

  it("detects an altered record", () => {
    const s = sealed();
    const tampered = { ...s, canonical: s.canonical.replace("keep my flat", "leave my flat") };
    const check = verifySeal(ID, tampered);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain("no longer matches its signatures");
    const rehashed = { ...tampered, contentHash: "0".repeat(64) };
    expect(verifySeal(ID, rehashed).ok).toBe(false);
    expect(verifySeal("BBBBBBBBBBBBBBBB", s).ok).toBe(false);
  });
});
