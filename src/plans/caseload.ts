/**
 * A caseload at a glance: each plan's state, its next target date, what is due in the next seven
 * days and what is overdue. Pure, over the store's summaries and today's date.
 */
import { STAGE_LABELS, isStage } from "../../machines/steps.ts";
import type { PlanSummary } from "../store/plan-store.ts";

export interface CaseloadRow {
  id: string;
  clientName: string;
  state: string;
  nextTarget?: string;
  dueThisWeek: string[];
  overdue: string[];
  reviewDue: boolean;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function caseloadRow(s: PlanSummary, today: string): CaseloadRow {
  const targets = s.openTargets ?? [];
  const weekEnd = addDays(today, 7);
  const signed = s.step === "signed";
  const reviewDue = signed && !!s.annualReviewDate && s.annualReviewDate <= addDays(today, 30);
  const state = reviewDue
    ? "Signed; reassessment due"
    : signed
      ? "Signed"
      : `Draft, at ${isStage(s.step) ? STAGE_LABELS[s.step].toLowerCase() : s.step}`;
  return {
    id: s.id,
    clientName: s.clientName,
    state,
    nextTarget: targets.find((d) => d >= today),
    dueThisWeek: signed ? targets.filter((d) => d >= today && d <= weekEnd) : [],
    overdue: signed ? targets.filter((d) => d < today) : [],
    reviewDue,
  };
}
