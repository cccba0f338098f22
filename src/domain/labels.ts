/** Plain-language labels for every coded value, shared by the views, the commitments and exports. */
import type {
  ACTION_KINDS,
  ACTION_STATUSES,
  ASSESSMENT_TYPES,
  BARRIER_CATEGORIES,
  RESPONSIBLE_ROLES,
  SERVICE_LENGTHS,
  STRENGTH_ROLES,
} from "./plan.ts";

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const SERVICE_LENGTH_LABELS: Labels<typeof SERVICE_LENGTHS> = {
  brief: "Brief",
  "short-term": "Short-term",
  "long-term": "Long-term",
};
export const ASSESSMENT_TYPE_LABELS: Labels<typeof ASSESSMENT_TYPES> = {
  initial: "Initial assessment",
  reassessment: "Reassessment",
};
export const BARRIER_CATEGORY_LABELS: Labels<typeof BARRIER_CATEGORIES> = {
  "financial-insecurity": "Financial insecurity",
  "lack-of-health-supports": "Lack of health supports",
  housing: "Housing",
  transportation: "Transportation",
  "childcare-caregiving": "Childcare or caregiving",
  legal: "Legal",
  "language-literacy": "Language or literacy",
  other: "Other",
};
export const STRENGTH_ROLE_LABELS: Labels<typeof STRENGTH_ROLES> = {
  alone: "The client does this alone",
  "with-support": "The client does this with some support",
  "case-manager": "The case manager takes this on",
};
export const ACTION_KIND_LABELS: Labels<typeof ACTION_KINDS> = {
  referral: "Referral",
  advice: "Advice",
  service: "Service",
};
export const RESPONSIBLE_ROLE_LABELS: Labels<typeof RESPONSIBLE_ROLES> = {
  "case-manager": "Case manager",
  provider: "Provider",
  client: "Client",
  family: "Family",
  caregiver: "Caregiver",
  "other-support": "Other support",
};
export const ACTION_STATUS_LABELS: Labels<typeof ACTION_STATUSES> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  done: "Done",
  "not-done": "Not done",
};
