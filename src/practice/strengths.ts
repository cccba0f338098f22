/**
 * Strengths, in the client's words: naming them reminds the person what they can do, and they
 * decide who carries each step (the client alone, the client with support, or the case manager).
 */
import type { PlanData } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { type Finding, finding, shorten } from "./findings.ts";

export function checkStrengths(data: PlanData): Finding[] {
  if (data.strengths.length === 0) {
    return [finding("strengths-none", { section: "strengths" }, msg("coaching.finding.strengthsNone"))];
  }
  const own = data.strengths.filter((s) => s.role === "alone" || s.role === "with-support");
  const allOnCaseManager = data.actions.length > 0 && data.actions.every((a) => a.responsible.role === "case-manager");
  if (own.length === 0 || !allOnCaseManager) return [];
  return [finding("strengths-unused", { section: "actions" }, msg("coaching.finding.strengthsUnused", { strength: shorten(own[0].clientWords) }))];
}
