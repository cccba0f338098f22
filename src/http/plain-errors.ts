/**
 * Validation messages in plain words. A schema field that says what to do in its own message keeps
 * it; for every other refusal zod would write its own wording ("Invalid input: expected string",
 * "must match pattern /^[a-z0-9-]{1,40}$/"), which means nothing to a case manager or a client.
 * zod's global error map is consulted only where a schema gave no message of its own, so setting it
 * here, once, turns every such refusal, in every form of the app, into a sentence that names the
 * field in words and says what to do.
 */
import { z } from "zod";

type Verb = "choose" | "fill in";

/** Form field names (the last part of an issue's path) as a person would name them. */
const FIELDS: Record<string, [Verb, string]> = {
  // Set-up
  clientName: ["fill in", "the client's name"],
  preferredName: ["fill in", "the name they would like us to use"],
  pronouns: ["fill in", "the pronouns"],
  serviceLength: ["choose", "how long the service will run"],
  assessmentType: ["choose", "initial assessment or reassessment"],
  planDate: ["fill in", "the plan date"],
  annualReviewDate: ["fill in", "the annual review date"],
  priorityIssues: ["fill in", "the priority issues"],
  // Goals, barriers, strengths, actions
  issue: ["choose", "the priority issue"],
  clientWords: ["fill in", "the client's words"],
  restatement: ["fill in", "the SMART restatement"],
  reason: ["fill in", "the reason"],
  goalId: ["choose", "which goal this is about"],
  category: ["choose", "a category"],
  role: ["choose", "a role"],
  kind: ["choose", "referral, advice or service"],
  description: ["fill in", "what will be done"],
  responsibleRole: ["choose", "who is responsible"],
  responsibleName: ["fill in", "the responsible person's name"],
  targetKind: ["choose", "a target date"],
  targetDate: ["fill in", "the target date"],
  date: ["fill in", "the date"],
  text: ["fill in", "the text"],
  // Signing
  party: ["choose", "who is signing"],
  typedName: ["fill in", "the full name"],
  image: ["fill in", "the drawing"],
  repName: ["fill in", "the representative's full name"],
  repRelationship: ["fill in", "the representative's relationship to the client"],
  agree: ["choose", "“I agree to this plan”"],
  // Progress, notes, coaching, accounts
  status: ["choose", "a status"],
  note: ["fill in", "the note"],
  days: ["choose", "how long the link should work"],
  username: ["fill in", "the username"],
  displayName: ["fill in", "the name shown to others"],
  password: ["fill in", "the password"],
};

function fieldOf(path: readonly PropertyKey[] | undefined): [Verb, string] {
  for (const part of [...(path ?? [])].reverse()) {
    if (typeof part === "string" && FIELDS[part]) return FIELDS[part];
  }
  return ["fill in", "this answer"];
}

/** The plain sentence for one refusal that its schema did not word. */
export function plainMessage(issue: { code?: string; path?: readonly PropertyKey[]; input?: unknown }): string {
  const [verb, name] = fieldOf(issue.path);
  const empty = issue.input === undefined || issue.input === null || (typeof issue.input === "string" && issue.input.trim() === "");
  if (empty || issue.code === "too_small") return verb === "choose" ? `Please choose ${name}.` : `Please fill in ${name}.`;
  if (issue.code === "too_big") return `Please shorten ${name}.`;
  if (issue.code === "invalid_value" || issue.code === "invalid_union") return `Please choose ${name} from the list.`;
  return `Please check ${name}: it is not in a form that can be used.`;
}

/**
 * The schema's generic words ("Please write something here.", "Please keep this under 200
 * characters."), which the stored-plan checks share, said with the field's name when a form shows
 * them, so every message names what it is about even read on its own (a screen reader's list of
 * errors, the banner).
 */
export function namedMessage(field: string, message: string): string {
  const [, name] = FIELDS[field] ?? [];
  if (!name) return message;
  if (message === "Please write something here.") return `Please write ${name} here.`;
  const limit = message.match(/^Please keep this under (\d+) characters\.$/);
  return limit ? `Please keep ${name} under ${limit[1]} characters.` : message;
}

z.config({ customError: (issue) => plainMessage(issue as Parameters<typeof plainMessage>[0]) });
