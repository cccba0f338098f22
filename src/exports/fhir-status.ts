/**
 * How Coplan's statuses read in FHIR R4's value sets. Kept apart from the bundle's assembly so the
 * mapping can be read, and argued with, in one place.
 */
import type { ACTION_KINDS, ACTION_STATUSES } from "../domain/plan.ts";

export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type GoalStatus = "in-progress" | "achieved" | "not-achieved" | "no-longer-relevant";

/** CarePlan.status (http://hl7.org/fhir/request-status): a signed plan is in force, a draft is not yet. */
export function carePlanStatus(status: "draft" | "signed"): "active" | "draft" {
  return status === "signed" ? "active" : "draft";
}

/**
 * CarePlan.activity.detail.status (http://hl7.org/fhir/care-plan-activity-status). "Not done" is
 * `stopped` rather than `cancelled`: in the value set, cancelled means it was never started, while
 * our "not done" is recorded with a reason after the work was tried or due.
 */
export const ACTIVITY_STATUS: Record<ActionStatus, "not-started" | "in-progress" | "completed" | "stopped"> = {
  "not-started": "not-started",
  "in-progress": "in-progress",
  done: "completed",
  "not-done": "stopped",
};

/**
 * CarePlan.activity.detail.kind (http://hl7.org/fhir/resource-types, restricted to request
 * resources). A referral or a service asks someone to provide something; advice is a message to
 * the client.
 */
export const ACTIVITY_KIND: Record<(typeof ACTION_KINDS)[number], "ServiceRequest" | "CommunicationRequest"> = {
  referral: "ServiceRequest",
  service: "ServiceRequest",
  advice: "CommunicationRequest",
};

/** Goal.achievementStatus codes (http://terminology.hl7.org/CodeSystem/goal-achievement). */
const ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";
const ACHIEVEMENT_DISPLAY = { "in-progress": "In Progress", achieved: "Achieved", "not-achieved": "Not Achieved" } as const;

/**
 * Goal.lifecycleStatus (http://hl7.org/fhir/goal-status) and, where it says more, achievementStatus.
 * With nothing recorded yet, a goal in a draft is `proposed` and one in a signed plan `active`.
 * "Not achieved" is `completed` (no longer sought) with achievement `not-achieved`; "no longer
 * relevant" is `cancelled` (abandoned), which says nothing about achievement.
 */
export function goalStatus(
  planStatus: "draft" | "signed",
  recorded: GoalStatus | undefined,
): { lifecycleStatus: "proposed" | "active" | "completed" | "cancelled"; achievementStatus?: object } {
  const achievement = (code: keyof typeof ACHIEVEMENT_DISPLAY) => ({
    coding: [{ system: ACHIEVEMENT, code, display: ACHIEVEMENT_DISPLAY[code] }],
  });
  switch (recorded) {
    case undefined:
      return { lifecycleStatus: planStatus === "signed" ? "active" : "proposed" };
    case "in-progress":
      return { lifecycleStatus: "active", achievementStatus: achievement("in-progress") };
    case "achieved":
      return { lifecycleStatus: "completed", achievementStatus: achievement("achieved") };
    case "not-achieved":
      return { lifecycleStatus: "completed", achievementStatus: achievement("not-achieved") };
    case "no-longer-relevant":
      return { lifecycleStatus: "cancelled" };
  }
}
