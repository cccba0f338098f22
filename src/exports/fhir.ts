/**
 * One version of a plan as an HL7 FHIR R4 Bundle: the CarePlan, the client as Patient, the goals
 * in the client's own words, barriers and strengths as supporting Observations, and the
 * signatures as a Provenance. Pure: everything, times included, comes in through the input, and
 * every fullUrl is a name-based UUID, so the same input always gives the same bundle.
 *
 * The Bundle is a `collection`, not a `document`: a document needs a Composition as its first
 * entry and is itself the attested, immutable record. Here the sealed retainer (and its PDF) is
 * that record; this export carries the plan's data and its progress since signing, which change,
 * and a draft has been attested by no one.
 */
import type { Action, PlanData } from "../domain/plan.ts";
import type { Signature } from "../domain/signature.ts";
import { ACTION_KIND_LABELS, BARRIER_CATEGORY_LABELS, RESPONSIBLE_ROLE_LABELS, STRENGTH_ROLE_LABELS } from "../domain/labels.ts";
import { ACTIVITY_KIND, ACTIVITY_STATUS, carePlanStatus, goalStatus, type ActionStatus, type GoalStatus } from "./fhir-status.ts";
import { signingProvenance } from "./fhir-provenance.ts";
import { uuidV5 } from "./uuid.ts";
import type { FhirResource, Ref } from "./fhir-types.ts";

export type { FhirResource, Ref };

export interface ExportInput {
  planId: string;
  version: number;
  status: "draft" | "signed";
  data: PlanData;
  signatures: Signature[];
  sealedAt?: string;
  contentHash?: string;
  /** Current progress recorded after signing; may be empty. */
  actionStatus: Record<string, { status: ActionStatus; reason?: string; at: string }>;
  goalStatus: Record<string, { status: GoalStatus; at: string }>;
  /** The earlier signed version this one replaces. */
  replacesVersion?: number;
  /** Where plans live, e.g. "https://coplan.example/plans": the system of plan identifiers and the root of every name. */
  baseUrl: string;
  /** How the seal checked out, and whether the plan as stored still matches it (JSON export's fields). */
  integrity?: "verified" | "sealed-before-keyed-seals" | "draft" | "broken";
  liveData?: "matches-seal" | "differs-from-seal";
}

export interface FhirBundle {
  resourceType: "Bundle";
  id: string;
  identifier: { system: string; value: string };
  type: "collection";
  meta?: { tag: { system: string; code: string; display: string }[] };
  timestamp?: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

export function toFhirBundle(input: ExportInput): FhirBundle {
  const { data, planId, version, baseUrl } = input;
  const { setup } = data;
  const root = `${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(planId)}`;
  const versionRoot = `${root}/versions/${version}`;
  // The client is the same person in every version of the plan; everything else is this version's.
  const patientId = uuidV5(`${root}/client`);
  const idOf = (kind: string, itemId: string) => uuidV5(`${versionRoot}/${kind}/${itemId}`);
  const ref = (id: string, display?: string): Ref => ({ reference: `urn:uuid:${id}`, ...(display ? { display } : {}) });
  const planIdentifier = (v: number) => ({ system: baseUrl, value: `${planId}#${v}` });
  const patientRef = ref(patientId, setup.clientName);
  const carePlanId = idOf("care-plan", "plan");
  const caseManager = input.signatures.find((s) => s.party === "case-manager");
  const signed = input.status === "signed";

  const patient: FhirResource = {
    resourceType: "Patient",
    id: patientId,
    name: [
      { use: "official", text: setup.clientName },
      ...(setup.preferredName ? [{ use: "usual", text: setup.preferredName }] : []),
    ],
  };

  const goals: FhirResource[] = data.goals.map((g) => ({
    resourceType: "Goal",
    id: idOf("goal", g.id),
    ...goalStatus(input.status, input.goalStatus[g.id]?.status),
    category: [{ text: g.issue }],
    description: { text: g.clientWords },
    subject: patientRef,
    expressedBy: patientRef,
    // The worker's restatement is theirs, so it is a note by them; the goal itself stays the client's.
    ...(g.restatement ? { note: [{ authorString: caseManager?.name ?? "Case manager", text: g.restatement }] } : {}),
  }));

  const observation = (kind: string, itemId: string, fields: object): FhirResource => ({
    resourceType: "Observation",
    id: idOf(kind, itemId),
    // Said in the conversation and agreed at signing; a draft's answers may still change.
    status: signed ? "final" : "preliminary",
    ...fields,
    subject: patientRef,
    effectiveDateTime: setup.planDate,
  });
  const socialHistory = { coding: [{ system: OBSERVATION_CATEGORY, code: "social-history", display: "Social History" }] };
  const barriers = data.barriers.map((b) =>
    observation("barrier", b.id, {
      category: [socialHistory, { text: BARRIER_CATEGORY_LABELS[b.category] }],
      code: { text: "Barrier to a goal" },
      focus: [ref(idOf("goal", b.goalId))],
      valueString: b.clientWords,
    }),
  );
  const strengths = data.strengths.map((s) =>
    observation("strength", s.id, {
      category: [socialHistory],
      code: { text: "Strength" },
      valueString: s.clientWords,
      component: [{ code: { text: "How this strength shapes the work" }, valueString: STRENGTH_ROLE_LABELS[s.role] }],
    }),
  );

  const activity = (a: Action) => {
    const recorded = input.actionStatus[a.id];
    return {
      ...(recorded?.reason ? { progress: [{ time: recorded.at, text: recorded.reason }] } : {}),
      detail: {
        kind: ACTIVITY_KIND[a.kind],
        code: { text: ACTION_KIND_LABELS[a.kind] },
        goal: [ref(idOf("goal", a.goalId))],
        status: ACTIVITY_STATUS[recorded?.status ?? a.status],
        ...(recorded?.status === "not-done" && recorded.reason ? { statusReason: { text: recorded.reason } } : {}),
        scheduledPeriod: scheduled(a, data),
        performer: [performer(a, patientRef)],
        description: a.description,
        // The sentence both people agreed to at signing; R4 has no element for it.
        ...(a.commitment ? { extension: [{ url: new URL("/fhir/StructureDefinition/action-commitment", baseUrl).href, valueString: a.commitment }] } : {}),
      },
    };
  };

  const carePlan: FhirResource = {
    resourceType: "CarePlan",
    id: carePlanId,
    identifier: [planIdentifier(version)],
    ...(input.replacesVersion !== undefined
      ? { replaces: [{ type: "CarePlan", identifier: planIdentifier(input.replacesVersion), display: `Version ${input.replacesVersion}` }] }
      : {}),
    status: carePlanStatus(input.status),
    intent: "plan",
    title: "Case plan",
    subject: patientRef,
    period: { start: setup.planDate, end: setup.annualReviewDate },
    created: setup.planDate,
    ...(caseManager ? { author: { type: "Practitioner", display: caseManager.name } } : {}),
    // Made together: the client is a contributor, not only the subject.
    contributor: [patientRef, ...(caseManager ? [{ type: "Practitioner", display: caseManager.name }] : [])],
    ...(data.barriers.length + data.strengths.length
      ? { supportingInfo: [...barriers, ...strengths].map((o) => ref(o.id)) }
      : {}),
    ...(goals.length ? { goal: goals.map((g) => ref(g.id)) } : {}),
    ...(data.actions.length ? { activity: data.actions.map(activity) } : {}),
    ...(data.declined.length
      ? { note: data.declined.map((d) => ({ text: `The client chose not to set a goal for: ${d.issue}${d.reason ? `. ${d.reason}` : ""}` })) }
      : {}),
  };

  const provenance = input.signatures.length
    ? [signingProvenance({ ...input, id: idOf("provenance", "signatures"), carePlanId, patientRef })]
    : [];
  const resources = [carePlan, patient, ...goals, ...barriers, ...strengths, ...provenance];
  const tags = sealTags(input, new URL("/fhir/CodeSystem/seal-status", baseUrl).href);
  return {
    resourceType: "Bundle",
    id: idOf("bundle", "bundle"),
    identifier: planIdentifier(version),
    type: "collection",
    ...(tags.length ? { meta: { tag: tags } } : {}),
    ...(input.sealedAt ? { timestamp: input.sealedAt } : {}),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

/**
 * The seal's state as Bundle tags, so a receiving system sees it without reading Coplan's JSON: an
 * older seal, and above all a stored plan that no longer matches what was signed.
 */
function sealTags(input: ExportInput, system: string) {
  const tags: { system: string; code: string; display: string }[] = [];
  if (input.integrity === "verified") tags.push({ system, code: "keyed-seal-verified", display: "Seal verified with the installation's key" });
  if (input.integrity === "sealed-before-keyed-seals") tags.push({ system, code: "sealed-before-keyed-seals", display: "Sealed before keyed seals existed" });
  if (input.liveData === "differs-from-seal") tags.push({ system, code: "live-data-differs-from-seal", display: "The stored plan no longer matches its signed version" });
  return tags;
}

/**
 * The target date as the period the action is scheduled within, from the plan's date. A Period
 * with no end is FHIR's "ongoing".
 */
function scheduled(a: Action, data: PlanData): { start: string; end?: string } {
  const start = data.setup.planDate;
  switch (a.targetDate.kind) {
    case "date":
      return { start, end: a.targetDate.date };
    case "annual-review":
      return { start, end: data.setup.annualReviewDate };
    case "ongoing":
      return { start };
  }
}

/**
 * Who carries the action out. Only the client is a resource in the bundle; anyone else is known by
 * a role and perhaps a name, which a display (typed where the role says which kind) carries
 * without inventing records for people we hold nothing else about.
 */
function performer(a: Action, patientRef: Ref): Ref {
  const { role, name } = a.responsible;
  if (role === "client") return patientRef;
  const label = RESPONSIBLE_ROLE_LABELS[role];
  const type = role === "case-manager" ? "Practitioner" : role === "provider" ? undefined : "RelatedPerson";
  return { ...(type ? { type } : {}), display: name ? `${name} (${label.toLowerCase()})` : label };
}
