import { inEnglish } from "../../src/i18n/translator.ts";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/signing/canonical.ts";
import { contentHash, liveDataMatches, seal, type Sealed, verifySeal } from "../../src/signing/seal.ts";
import { signerFrom } from "../../src/signing/keys.ts";
import { makeManifest, readManifest } from "../../src/signing/legacy-seals.ts";
import { emptyPlan } from "../../src/domain/plan.ts";
import { CONSENT_NOTICE, type Signature } from "../../src/domain/signature.ts";
import { GOAL, SETUP } from "../fixtures.ts";

const data = { ...emptyPlan(SETUP), goals: [{ id: "g1", ...GOAL }] };
const ID = "AAAAAAAAAAAAAAAA";
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);
const otherKey = signerFrom(generateKeyPairSync("ed25519").privateKey);
const CASEY = { id: "u1", username: "casey", displayName: "Casey Jones" };

function sealed(): Sealed {
  const hash = contentHash(ID, 1, data);
  const s = (party: Signature["party"]): Signature => ({ party, name: "N", method: "typed", typedName: "N", agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "t", contentHash: hash, account: CASEY });
  return seal(ID, 1, data, { noticeVersion: CONSENT_NOTICE.version, at: "x", parties: ["client", "case-manager"] }, [s("client"), s("case-manager")], "2026-11-24T10:00:00.000Z", signer);
}

/** What someone who can write the data folder, but holds no key, can do: change and re-hash. */
function rehashed(s: Sealed, change: (canonical: string) => string): Sealed {
  const canonical = change(s.canonical);
  const hash = sha256Hex(canonical);
  return { ...s, canonical, contentHash: hash, signatures: s.signatures.map((x) => ({ ...x, contentHash: hash })) };
}

/** A seal as made before keyed seals existed: the same record, no key id, no key signature. */
function unkeyed(): Sealed {
  const { keyId: _k, keySignature: _s, ...rest } = sealed();
  return { ...rest, signatures: rest.signatures.map(({ account: _a, ...x }) => x) };
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

  it("verifies an untouched seal with the installation's key and reads back the client's words exactly", () => {
    const s = sealed();
    expect(s.keyId).toBe(signer.keyId);
    const check = verifySeal(ID, s, signer);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.scheme).toBe("keyed");
      expect(check.data.goals[0].clientWords).toBe(GOAL.clientWords);
      expect(check.consent.noticeText).toEqual([...CONSENT_NOTICE.points]);
    }
  });

  it("detects an altered record", () => {
    const s = sealed();
    const tampered = { ...s, canonical: s.canonical.replace("keep my flat", "leave my flat") };
    const check = verifySeal(ID, tampered, signer);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(inEnglish(check.problem)).toContain("no longer matches its signatures");
    expect(verifySeal(ID, { ...tampered, contentHash: "0".repeat(64) }, signer).ok).toBe(false);
    expect(verifySeal("BBBBBBBBBBBBBBBB", s, signer).ok).toBe(false);
  });

  it("reports a record edited and re-hashed as broken", () => {
    const edited = rehashed(sealed(), (c) => c.replace("keep my flat", "leave my flat"));
    expect(sha256Hex(edited.canonical)).toBe(edited.contentHash); // the old, hash-only check would pass it
    const check = verifySeal(ID, edited, signer);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(inEnglish(check.problem)).toContain("no longer matches its signatures");
  });

  it("reports a changed signer name, account, time or consent as broken", () => {
    const s = sealed();
    const sigs = s.signatures as Record<string, unknown>[];
    const changes: Sealed[] = [
      { ...s, signatures: [sigs[0], { ...sigs[1], name: "Someone Else" }] },
      { ...s, signatures: [sigs[0], { ...sigs[1], account: { ...CASEY, username: "mallory" } }] },
      { ...s, signatures: [sigs[0], { ...sigs[1], at: "2026-11-25T10:00:00.000Z" }] },
      { ...s, consent: { ...(s.consent as object), noticeText: ["You agree to anything."] } },
      { ...s, sealedAt: "2027-01-01T00:00:00.000Z" },
    ];
    for (const changed of changes) expect(verifySeal(ID, changed, signer).ok).toBe(false);
  });

  it("cannot be checked with another installation's key, and says so", () => {
    const check = verifySeal(ID, sealed(), otherKey);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(inEnglish(check.problem)).toContain(`key id ${signer.keyId}`);
  });

  it("verifies a seal made before keyed seals the old way, and labels it as such", () => {
    const check = verifySeal(ID, unkeyed(), signer);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.scheme).toBe("unkeyed");
    expect(verifySeal(ID, rehashed(unkeyed(), (c) => c.replace("keep my flat", "x")), signer).ok).toBe(true); // why it is labelled
    expect(verifySeal(ID, { ...unkeyed(), contentHash: "0".repeat(64) }, signer).ok).toBe(false);
  });

  it("reports a keyed seal stripped of its key signature to pass as an old one as broken", () => {
    const { keyId: _k, keySignature: _s, ...stripped } = sealed();
    expect(verifySeal(ID, stripped, signer).ok).toBe(false);
  });

  it("tells whether the plan as stored still matches its sealed version", () => {
    const check = verifySeal(ID, sealed(), signer);
    if (!check.ok) throw new Error(inEnglish(check.problem));
    expect(liveDataMatches(ID, 1, data, check)).toBe(true);
    expect(liveDataMatches(ID, 1, { ...data, goals: [{ ...data.goals[0], clientWords: "changed" }] }, check)).toBe(false);
  });
});

describe("old seals, checked against the installation's signed list of them", () => {
  const old = unkeyed();
  const listing = (key = signer) => makeManifest(key, [{ planId: ID, version: 1, contentHash: old.contentHash }], "2026-11-24T10:00:00.000Z");
  const withList = (text: string | null) => ({ ...signer, legacySeals: readManifest(text, signer) });
  const problem = (check: ReturnType<typeof verifySeal>) => (check.ok ? "" : inEnglish(check.problem));

  it("accepts an old seal on the list, labelled, and remembers the answer", () => {
    const key = withList(JSON.stringify(listing()));
    const check = verifySeal(ID, old, key);
    expect(check.ok && check.scheme).toBe("unkeyed");
    expect(verifySeal(ID, old, key)).toBe(check);
  });

  it("reports an old-looking seal not on the list as broken: a keyed seal stripped, or edited and re-hashed", () => {
    const listed = withList(JSON.stringify(listing()));
    // A store that held no old seals when the key was made: every keyed seal stripped later is off the list.
    const none = withList(JSON.stringify(makeManifest(signer, [], "2026-11-24T10:00:00.000Z")));
    const { keyId: _k, keySignature: _s, ...rest } = sealed();
    const stripped = { ...rest, signatures: rest.signatures.map(({ account: _a, ...x }) => x) };
    const edit = (s: Sealed) => rehashed(s, (c) => c.replace("keep my flat", "x"));
    for (const [s, key] of [[edit(old), listed], [stripped, none], [edit(stripped), none], [edit(stripped), listed]] as const) {
      const check = verifySeal(ID, s, key);
      expect(check.ok).toBe(false);
      expect(problem(check)).toContain("its seal signature has been removed, or it was never sealed by this installation");
    }
  });

  it("cannot confirm any old seal when the list is missing, edited, or signed by another key", () => {
    const edited = { ...listing(), seals: [...listing().seals, { planId: "BBBBBBBBBBBBBBBB", version: 1, contentHash: "0".repeat(64) }] };
    for (const [text, why] of [
      [null, "is missing"],
      [JSON.stringify(edited), "has been changed or damaged"],
      [JSON.stringify(listing(otherKey)), "has been changed or damaged"],
      ["not json", "has been changed or damaged"],
    ] as const) {
      const check = verifySeal(ID, old, withList(text));
      expect(check.ok, why).toBe(false);
      expect(problem(check)).toContain("cannot be confirmed");
      expect(problem(check)).toContain(why);
    }
  });

  it("leaves keyed seals as they are, and a public key alone (no list) accepts an old seal, labelled", () => {
    expect(verifySeal(ID, sealed(), withList(null)).ok).toBe(true);
    const publicOnly = { keyId: signer.keyId, verify: signer.verify };
    const check = verifySeal(ID, old, publicOnly);
    expect(check.ok && check.scheme).toBe("unkeyed");
  });
});
