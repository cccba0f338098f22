/**
 * A signed retainer is drawn from the words sealed with it (issue 22), never from today's
 * catalogs: the seal's wording is what each copy prints, in each copy's languages, and a seal
 * made before wording was sealed prints in English.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHash, seal, verifySeal } from "../../src/signing/seal.ts";
import { signerFrom } from "../../src/signing/keys.ts";
import { emptyPlan } from "../../src/domain/plan.ts";
import { CONSENT_NOTICE, type Signature } from "../../src/domain/signature.ts";
import { buildRetainer } from "../../src/signing/retainer.ts";
import { copyText, plain } from "../../src/signing/retainer-copy.ts";
import { GOAL, SETUP } from "../fixtures.ts";

const ID = "AAAAAAAAAAAAAAAA";
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);

function signed(clientLanguage: string | undefined, languages?: { client: string; staff: string }) {
  const data = { ...emptyPlan({ ...SETUP, clientLanguage }), goals: [{ id: "g1", ...GOAL }] };
  const hash = contentHash(ID, 1, data);
  const s = (party: Signature["party"]): Signature => ({ party, name: "N", method: "typed", typedName: "N", agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "t", contentHash: hash });
  const consent = { noticeVersion: CONSENT_NOTICE.version, at: "2026-11-24T09:00:00.000Z", parties: ["client", "case-manager"] as Signature["party"][], ...(languages ? { languages } : {}) };
  return seal(ID, 1, data, consent, [s("client"), s("case-manager")], "2026-11-24T10:00:00.000Z", signer);
}

const check = (sealed: ReturnType<typeof signed>) => {
  const c = verifySeal(ID, sealed, signer);
  if (!c.ok) throw new Error(c.problem);
  return c;
};

describe("the words a signed retainer prints", () => {
  it("are those sealed with it, not today's catalog's", () => {
    const c = check(signed("es", { client: "es", staff: "en" }));
    const wording = (c.consent as { wording: { messages: Record<string, Record<string, string>> } }).wording;
    // As if the catalog had changed since signing: the copy prints what the seal holds.
    wording.messages.es["retainer.goals"] = "Objetivos (como se firmaron)";
    const client = copyText(buildRetainer(c), "client");
    expect(client.heading.goals).toEqual([
      { lang: "es", dir: "ltr", text: "Objetivos (como se firmaron)" },
      { lang: "en", dir: "ltr", text: "Goals, in the client's own words" },
    ]);
    expect(plain(copyText(buildRetainer(c), "office").label)).toBe("Office file");
  });

  it("take the client's language from the plan when the consent did not record languages, with English for the office", () => {
    const c = check(signed("zh-Hans"));
    expect(plain(copyText(buildRetainer(c), "client").title)).toBe("个案计划与服务协议 / Case plan and agreement");
    expect(copyText(buildRetainer(c), "record").lang).toBe("en");
  });

  it("are English on a seal made before wording was sealed", () => {
    const old = signed(undefined);
    delete (old.consent as { wording?: unknown }).wording;
    const c = { ...check(signed(undefined)), consent: old.consent as never };
    const client = copyText(buildRetainer(c), "client");
    expect(client.lang).toBe("en");
    expect(plain(client.label)).toBe("Client copy");
    expect(plain(client.heading.commitments)).toBe("What we agree to do");
  });
});
