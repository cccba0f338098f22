/**
 * Strengths, in the client's words: naming them reminds the person what they can do, and they
 * decide who carries each step (the client alone, the client with support, or the case manager).
 */
import type { PlanData } from "../domain/plan.ts";
import { type Finding, finding, quote } from "./findings.ts";

export function checkStrengths(data: PlanData): Finding[] {
  if (data.strengths.length === 0) {
    return [finding("strengths-none", { section: "strengths" },
      "No strengths are recorded. Ask the client what they are good at or what has helped before, and write it in their words: it brings the talk back to what they can do, and it shows which steps they could take on themselves.")];
  }
  const own = data.strengths.filter((s) => s.role === "alone" || s.role === "with-support");
  const allOnCaseManager = data.actions.length > 0 && data.actions.every((a) => a.responsible.role === "case-manager");
  if (own.length === 0 || !allOnCaseManager) return [];
  return [finding("strengths-unused", { section: "actions" },
    `Every action is on the case manager, yet the client named strengths they can use themselves, such as ${quote(own[0].clientWords)}. Giving them a step that fits, alone or with some support, builds confidence and leaves you free for what only you can do.`)];
}
