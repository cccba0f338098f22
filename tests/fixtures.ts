/** Shared test data: a realistic setup and answers, in several scripts. */
import type { Setup } from "../src/domain/plan.ts";

export const SETUP: Setup = {
  clientName: "Amira Haddad",
  preferredName: "Amira",
  pronouns: "she/her",
  serviceLength: "short-term",
  assessmentType: "initial",
  planDate: "2026-11-24",
  annualReviewDate: "2027-11-24",
  priorityIssues: ["Housing at risk", "Depression", "Income"],
};

export const GOAL = { issue: "Housing at risk", clientWords: "أريد أن أبقى في شقتي — I want to keep my flat 🏠" };
export const BARRIER = (goalId: string) => ({ goalId, clientWords: "I can't pay the rent since my hours were cut", category: "financial-insecurity" as const });
export const ACTION = (goalId: string) => ({
  goalId,
  kind: "referral" as const,
  description: "Refer to the rent assistance programme",
  responsible: { role: "case-manager" as const, name: "Jo Smith" },
  targetDate: { kind: "date" as const, date: "2026-12-15" },
});
