/**
 * Validation messages in plain words, in the reader's language. A schema field that says what to do
 * in its own message keeps it; for every other refusal zod would write its own wording ("Invalid
 * input: expected string", "must match pattern /^[a-z0-9-]{1,40}$/"), which means nothing to a case
 * manager or a client. zod's global error map is consulted only where a schema gave no message of
 * its own, so setting it here, once, turns every such refusal, in every form of the app, into a
 * sentence that names the field in words and says what to do.
 *
 * zod knows no reader, so each message is a msgText (translator.ts): the sentence's key, with the
 * field's name as a msgText of its own (`form.field.clientName`); `t()` says both in the language
 * of whoever reads the page.
 */
import { z } from "zod";
import { isMsgText, msgText } from "../i18n/translator.ts";

type Verb = "choose" | "fill in";

/**
 * Form fields (the last part of an issue's path) that are chosen rather than typed; every other
 * named field is filled in. Each has its name in words in the catalogs, as `form.field.<name>`.
 */
const CHOSEN = new Set([
  "serviceLength", "assessmentType", "issue", "goalId", "category", "role",
  "kind", "responsibleRole", "targetKind", "party", "agree", "status",
  "days", "clientLanguage", "language",
]);
const TYPED = new Set([
  "clientName", "preferredName", "pronouns", "planDate", "annualReviewDate", "priorityIssues",
  "clientWords", "restatement", "reason", "description", "responsibleName", "targetDate",
  "date", "text", "typedName", "image", "repName", "repRelationship",
  "note", "username", "displayName", "password",
]);

const nameOf = (field: string) => msgText(`form.field.${field}`);
const isNamed = (field: string) => CHOSEN.has(field) || TYPED.has(field);

function fieldOf(path: readonly PropertyKey[] | undefined): [Verb, string] {
  for (const part of [...(path ?? [])].reverse()) {
    if (typeof part === "string" && isNamed(part)) return [CHOSEN.has(part) ? "choose" : "fill in", nameOf(part)];
  }
  return ["fill in", nameOf("thisAnswer")];
}

/** The plain sentence for one refusal that its schema did not word (a msgText). */
export function plainMessage(issue: { code?: string; path?: readonly PropertyKey[]; input?: unknown }): string {
  const [verb, field] = fieldOf(issue.path);
  const empty = issue.input === undefined || issue.input === null || (typeof issue.input === "string" && issue.input.trim() === "");
  if (empty || issue.code === "too_small") return msgText(verb === "choose" ? "form.choose" : "form.fillIn", { field });
  if (issue.code === "too_big") return msgText("form.shorten", { field });
  if (issue.code === "invalid_value" || issue.code === "invalid_union") return msgText("form.chooseFromList", { field });
  return msgText("form.check", { field });
}

/**
 * The schema's generic words ("Please write something here.", "Please keep this under 200
 * characters."), which the stored-plan checks share, said with the field's name when a form shows
 * them, so every message names what it is about even read on its own (a screen reader's list of
 * errors, the banner). They come as msgText (`form.writeSomething`, `form.keepUnder`); any
 * other message is kept as it is.
 */
export function namedMessage(field: string, message: string): string {
  if (!isNamed(field)) return message;
  const { key, max } = genericOf(message) ?? {};
  if (key === "form.writeSomething") return msgText("form.writeNamed", { field: nameOf(field) });
  if (key === "form.keepUnder" && max !== undefined) return msgText("form.keepNamedUnder", { field: nameOf(field), max });
  return message;
}

function genericOf(message: string): { key: string; max?: number | string } | undefined {
  if (!isMsgText(message)) return undefined;
  try {
    const m = JSON.parse(message.slice(message.indexOf("{"))) as { key: string; values?: { max?: number | string } };
    return { key: m.key, max: m.values?.max };
  } catch {
    return undefined;
  }
}

z.config({ customError: (issue) => plainMessage(issue as Parameters<typeof plainMessage>[0]) });
