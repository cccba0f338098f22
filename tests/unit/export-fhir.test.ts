import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanData } from "../../src/domain/plan.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { toFhirBundle, type ExportInput, type FhirBundle, type FhirResource } from "../../src/exports/fhir.ts";
import { uuidV5 } from "../../src/exports/uuid.ts";
import { SETUP } from "../fixtures.ts";
// The validator the HTTP tests use too, so its check below that it rejects a wrong bundle covers theirs.
import { fhirValidator } from "../helpers/fhir-schema.ts";

const ARABIC = "أريد أن أبقى في شقتي";
const CHINESE = "我想找一份工作，　能养活我的孩子。";
const EMOJI = "Keep my flat 🏠👩‍👧 — «chez moi» ?";
const DATA: PlanData = {
  setup: { ...SETUP, clientName: "Amira Haddad — أميرة حداد" },
  goals: [
    { id: "g1", issue: "Housing at risk", clientWords: ARABIC },
    { id: "g2", issue: "Income", clientWords: `  ${CHINESE}\n`, restatement: "Find work that pays enough for the family." },
    { id: "g3", issue: "Depression", clientWords: EMOJI },
  ],
  declined: [{ id: "d1", issue: "Alcohol use", reason: "Not now." }],
  barriers: [{ id: "b1", goalId: "g1", clientWords: "لا أستطيع دفع الإيجار", category: "financial-insecurity" }],
  strengths: [{ id: "s1", clientWords: "My sister helps 👍", role: "with-support" }],
  actions: [
    { id: "a1", goalId: "g1", kind: "referral", description: "Refer to rent assistance", responsible: { role: "case-manager", name: "Jo Smith" }, targetDate: { kind: "date", date: "2027-01-01" }, status: "not-started", commitment: "I, Jo Smith, will refer Amira by 2027-01-01." },
    { id: "a2", goalId: "g2", kind: "advice", description: "Ask at the job centre", responsible: { role: "client" }, targetDate: { kind: "ongoing" }, status: "not-started" },
    { id: "a3", goalId: "g2", kind: "service", description: "Childcare search", responsible: { role: "family", name: "Leila" }, targetDate: { kind: "annual-review" }, status: "not-started" },
    { id: "a4", goalId: "g3", kind: "referral", description: "GP appointment", responsible: { role: "provider" }, targetDate: { kind: "date", date: "2026-12-31" }, status: "not-started" },
  ],
};
const HASH = "a".repeat(64);
const sig = (party: Signature["party"], extra: Partial<Signature>): Signature => ({
  party, name: "N", method: "typed", agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "t", contentHash: HASH, ...extra,
});
const SIGNED: ExportInput = {
  planId: "AAAAAAAAAAAAAAAA",
  version: 2,
  status: "signed",
  data: DATA,
  signatures: [
    sig("client", { name: "Amira Haddad", method: "drawn", image: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" }),
    sig("case-manager", { name: "Jo Smith", typedName: "Jo Smith", at: "2026-11-24T10:05:00.000Z" }),
  ],
  sealedAt: "2026-11-24T10:05:01.000Z",
  contentHash: HASH,
  actionStatus: {
    a1: { status: "done", at: "2026-12-20T09:00:00.000Z" },
    a2: { status: "in-progress", at: "2026-12-01T09:00:00.000Z" },
    a4: { status: "not-done", reason: "The surgery had no appointments; rebook in January.", at: "2027-01-02T09:00:00.000Z" },
  },
  goalStatus: { g1: { status: "achieved", at: "2026-12-20T09:00:00.000Z" }, g3: { status: "no-longer-relevant", at: "2027-01-02T09:00:00.000Z" } },
  replacesVersion: 1,
  baseUrl: "https://coplan.example/plans",
};
const DRAFT: ExportInput = { ...SIGNED, version: 1, status: "draft", signatures: [], sealedAt: undefined, contentHash: undefined, actionStatus: {}, goalStatus: {}, replacesVersion: undefined };

const all = (b: FhirBundle, type: string) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
const one = (b: FhirBundle, type: string) => all(b, type)[0] as FhirResource & Record<string, any>;

let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirValidator();
});

describe("the FHIR R4 export", () => {
  it("validates against the official FHIR R4 JSON schema, signed and draft", () => {
    for (const input of [SIGNED, DRAFT]) {
      const bundle = toFhirBundle(input);
      expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    }
  });

  it("is checked by a validator that does reject a wrong bundle", () => {
    const bundle = structuredClone(toFhirBundle(SIGNED));
    one(bundle, "Goal").lifecycleStatus = "achieved"; // an achievement, not a lifecycle status
    expect(validate(bundle)).toBe(false);
    const noSubject = structuredClone(toFhirBundle(SIGNED));
    delete one(noSubject, "Goal").subject;
    expect(validate(noSubject)).toBe(false);
    expect(validate({ ...toFhirBundle(SIGNED), entry: [{ fullUrl: "urn:uuid:x", resource: { resourceType: "CarePlanz" } }] })).toBe(false);
  });

  it("reads FHIR's \\s as XML Schema does, so a no-break space in the client's words is valid", () => {
    expect(new RegExp("^[ \\r\\n\\t\\S]+$", "u").test("chez\u00a0moi")).toBe(false); // JavaScript's reading
    const words = "chez\u202fmoi\u00a0?　我";
    const bundle = toFhirBundle({ ...SIGNED, data: { ...DATA, goals: [{ ...DATA.goals[0], clientWords: words }] } });
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(one(bundle, "Goal").description.text).toBe(words);
  });

  it("has the elements R4 requires that the JSON schema leaves to a profile validator", () => {
    // The schema lists few 1..1 primitives as required (each may come as `_element` instead).
    const required: Record<string, string[]> = {
      CarePlan: ["status", "intent", "subject"],
      Goal: ["lifecycleStatus", "description", "subject"],
      Observation: ["status", "code"],
      Provenance: ["target", "recorded", "agent"],
      Patient: [],
    };
    const bundle = toFhirBundle(SIGNED);
    for (const { resource } of bundle.entry) {
      for (const key of required[resource.resourceType]) expect(resource, `${resource.resourceType}.${key}`).toHaveProperty(key);
    }
    for (const s of one(bundle, "Provenance").signature) for (const key of ["type", "when", "who"]) expect(s).toHaveProperty(key);
    const fullUrls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length); // bdl-7
  });

  it("keeps the client's words byte for byte as Goal.description.text, expressed by the client", () => {
    const bundle = toFhirBundle(SIGNED);
    const goals = all(bundle, "Goal") as Record<string, any>[];
    expect(goals.map((g) => g.description.text)).toEqual([ARABIC, `  ${CHINESE}\n`, EMOJI]);
    const json = JSON.parse(JSON.stringify(bundle));
    expect(Buffer.from(json.entry.find((e: any) => e.resource.resourceType === "Goal").resource.description.text)).toEqual(Buffer.from(ARABIC));
    const patientUrl = bundle.entry.find((e) => e.resource.resourceType === "Patient")!.fullUrl;
    for (const g of goals) expect(g.expressedBy.reference).toBe(patientUrl);
    expect(goals.map((g) => g.category[0].text)).toEqual(["Housing at risk", "Income", "Depression"]);
    expect(goals[1].note).toEqual([{ authorString: "Jo Smith", text: "Find work that pays enough for the family." }]);
    expect(goals[0].note).toBeUndefined();
    expect(one(bundle, "Patient").name[0].text).toBe("Amira Haddad — أميرة حداد");
  });

  it("maps goal statuses to lifecycle and achievement", () => {
    const goals = all(toFhirBundle(SIGNED), "Goal") as Record<string, any>[];
    expect(goals.map((g) => [g.lifecycleStatus, g.achievementStatus?.coding[0].code])).toEqual([
      ["completed", "achieved"],
      ["active", undefined],
      ["cancelled", undefined],
    ]);
    expect((all(toFhirBundle(DRAFT), "Goal") as Record<string, any>[]).map((g) => g.lifecycleStatus)).toEqual(["proposed", "proposed", "proposed"]);
  });

  it("maps each action to an activity with its recorded status, performer and target date", () => {
    const bundle = toFhirBundle(SIGNED);
    const plan = one(bundle, "CarePlan");
    const details = plan.activity.map((a: any) => a.detail);
    expect(details.map((d: any) => d.status)).toEqual(["completed", "in-progress", "not-started", "stopped"]);
    expect(details.map((d: any) => d.kind)).toEqual(["ServiceRequest", "CommunicationRequest", "ServiceRequest", "ServiceRequest"]);
    expect(details[3].statusReason.text).toBe("The surgery had no appointments; rebook in January.");
    expect(plan.activity[3].progress).toEqual([{ time: "2027-01-02T09:00:00.000Z", text: "The surgery had no appointments; rebook in January." }]);
    expect(details.map((d: any) => d.scheduledPeriod)).toEqual([
      { start: "2026-11-24", end: "2027-01-01" },
      { start: "2026-11-24" }, // ongoing: a period with no end
      { start: "2026-11-24", end: "2027-11-24" }, // the annual review
      { start: "2026-11-24", end: "2026-12-31" },
    ]);
    const patientUrl = bundle.entry.find((e) => e.resource.resourceType === "Patient")!.fullUrl;
    expect(details.map((d: any) => d.performer[0])).toEqual([
      { type: "Practitioner", display: "Jo Smith (case manager)" },
      { reference: patientUrl, display: "Amira Haddad — أميرة حداد" },
      { type: "RelatedPerson", display: "Leila (family)" },
      { display: "Provider" },
    ]);
    expect(details[0].extension[0].valueString).toBe("I, Jo Smith, will refer Amira by 2027-01-01.");
    const goalUrls = bundle.entry.filter((e) => e.resource.resourceType === "Goal").map((e) => e.fullUrl);
    expect(details.map((d: any) => d.goal[0].reference)).toEqual([goalUrls[0], goalUrls[1], goalUrls[1], goalUrls[2]]);
    // Before signing, nothing has been recorded: the plan's own statuses.
    expect(one(toFhirBundle(DRAFT), "CarePlan").activity.map((a: any) => a.detail.status)).toEqual(["not-started", "not-started", "not-started", "not-started"]);
  });

  it("describes the plan: status, subject, period, goals, and barriers and strengths as supporting information", () => {
    const bundle = toFhirBundle(SIGNED);
    const plan = one(bundle, "CarePlan");
    // The schema types CarePlan.status and intent only as codes; these are their R4 value sets.
    expect(["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"]).toContain(plan.status);
    expect(["proposal", "plan", "order", "option"]).toContain(plan.intent);
    expect(plan).toMatchObject({ status: "active", intent: "plan", created: "2026-11-24", period: { start: "2026-11-24", end: "2027-11-24" } });
    expect(plan.identifier).toEqual([{ system: "https://coplan.example/plans", value: "AAAAAAAAAAAAAAAA#2" }]);
    expect(plan.goal).toHaveLength(3);
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    for (const r of [plan.subject, ...plan.goal, ...plan.supportingInfo]) expect(urls.has(r.reference)).toBe(true);
    const observations = all(bundle, "Observation") as Record<string, any>[];
    expect(plan.supportingInfo.map((r: any) => r.reference)).toEqual(observations.map((o) => `urn:uuid:${o.id}`));
    expect(observations.map((o) => [o.code.text, o.valueString])).toEqual([
      ["Barrier to a goal", "لا أستطيع دفع الإيجار"],
      ["Strength", "My sister helps 👍"],
    ]);
    expect(observations[0].category[1].text).toBe("Financial insecurity");
    expect(plan.note[0].text).toContain("Alcohol use");
    expect(one(toFhirBundle(DRAFT), "CarePlan").status).toBe("draft");
  });

  it("points a later version at the one it replaces, by identifier", () => {
    expect(one(toFhirBundle(SIGNED), "CarePlan").replaces).toEqual([
      { type: "CarePlan", identifier: { system: "https://coplan.example/plans", value: "AAAAAAAAAAAAAAAA#1" }, display: "Version 1" },
    ]);
    expect(one(toFhirBundle(DRAFT), "CarePlan").replaces).toBeUndefined();
  });

  it("records both signatures in one Provenance for the CarePlan", () => {
    const bundle = toFhirBundle(SIGNED);
    const prov = one(bundle, "Provenance");
    expect(prov.target).toEqual([{ reference: bundle.entry.find((e) => e.resource.resourceType === "CarePlan")!.fullUrl }]);
    expect(prov.recorded).toBe("2026-11-24T10:05:01.000Z");
    expect(prov.signature).toHaveLength(2);
    expect(prov.signature.map((s: any) => [s.type[0].code, s.when, s.who.display])).toEqual([
      ["1.2.840.10065.1.12.1.7", "2026-11-24T10:00:00.000Z", "Amira Haddad — أميرة حداد"],
      ["1.2.840.10065.1.12.1.1", "2026-11-24T10:05:00.000Z", "Jo Smith"],
    ]);
    expect(prov.signature[0]).toMatchObject({ sigFormat: "image/png", data: expect.stringMatching(/^iVBOR/) });
    expect(prov.signature[1].data).toBeUndefined();
    expect(prov.entity[0].what.identifier.value).toBe(HASH);
    expect(JSON.stringify(bundle)).not.toContain("127.0.0.1");
    expect(all(toFhirBundle(DRAFT), "Provenance")).toEqual([]);
  });

  it("names a representative who signed on the client's behalf", () => {
    const rep = { ...SIGNED.signatures[0], name: "Karim Haddad", representative: { name: "Karim Haddad", relationship: "brother" } };
    const bundle = toFhirBundle({ ...SIGNED, signatures: [rep, SIGNED.signatures[1]] });
    const s = one(bundle, "Provenance").signature[0];
    expect(s.who).toEqual({ type: "RelatedPerson", display: "Karim Haddad (brother)" });
    expect(s.onBehalfOf.reference).toBe(bundle.entry.find((e) => e.resource.resourceType === "Patient")!.fullUrl);
    expect(validate(bundle)).toBe(true);
  });

  it("names both the supervisor who signed and the case manager they signed for", () => {
    const account = { id: "u2", username: "sam", displayName: "Sam Lee" };
    const forCasey = { ...SIGNED.signatures[1], name: "Sam Lee", account, onBehalfOf: { id: "u1", username: "casey", displayName: "Casey Jones" } };
    const bundle = toFhirBundle({ ...SIGNED, signatures: [SIGNED.signatures[0], forCasey] });
    const prov = one(bundle, "Provenance");
    for (const entry of [prov.agent[1], prov.signature[1]]) {
      expect(entry.who).toEqual({ type: "Practitioner", display: "Sam Lee (supervisor)" });
      expect(entry.onBehalfOf).toEqual({ type: "Practitioner", display: "Casey Jones" });
    }
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });

  it("tags the bundle with the seal's state: verified, sealed before keyed seals, stored plan changed since", () => {
    const codes = (input: ExportInput) => (toFhirBundle(input).meta?.tag ?? []).map((t) => t.code);
    expect(codes(SIGNED)).toEqual([]);
    expect(codes({ ...SIGNED, integrity: "verified", liveData: "matches-seal" })).toEqual(["keyed-seal-verified"]);
    expect(codes({ ...SIGNED, integrity: "sealed-before-keyed-seals" })).toEqual(["sealed-before-keyed-seals"]);
    const changed = toFhirBundle({ ...SIGNED, integrity: "verified", liveData: "differs-from-seal" });
    expect(changed.meta!.tag.map((t) => t.code)).toEqual(["keyed-seal-verified", "live-data-differs-from-seal"]);
    expect(validate(changed), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });

  it("gives the same bundle for the same input, and other ids for another version", () => {
    const a = JSON.stringify(toFhirBundle(SIGNED));
    expect(JSON.stringify(toFhirBundle(structuredClone(SIGNED)))).toBe(a);
    const b = toFhirBundle({ ...SIGNED, version: 3 });
    const ids = (x: FhirBundle) => x.entry.map((e) => e.fullUrl);
    const shared = ids(b).filter((u) => ids(toFhirBundle(SIGNED)).includes(u));
    expect(shared).toEqual([b.entry.find((e) => e.resource.resourceType === "Patient")!.fullUrl]); // the same client
    for (const u of ids(b)) expect(u).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("makes RFC version 5 UUIDs", () => {
    // The RFC's DNS namespace and Python's documented example.
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });
});
