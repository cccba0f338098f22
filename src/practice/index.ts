/**
 * The practice checks: pure functions over a plan's data (no I/O, no clock; today is passed in).
 *
 * Findings come in a fixed order: by section (setup, goals, barriers, strengths, actions,
 * contract), then in the order the items appear in the plan, then rule by rule. The same plan and
 * day always give the same list.
 *
 * Wording checks read English only (see language.ts): text in other languages or scripts never
 * produces a wording finding, and never breaks a check. Structural checks (a goal with no action,
 * a date after the annual review) apply whatever the language.
 *
 * The server runs them on the whole plan after every answer. What each text says is remembered
 * (see memo.ts), so a call where one item changed reads only that item's words again.
 */
import type { PlanData } from "../domain/plan.ts";
import { checkActions } from "./actions.ts";
import { checkBarriers } from "./barriers.ts";
import { isIsoDate } from "./dates.ts";
import { type Finding, SECTIONS } from "./findings.ts";
import { checkGoals } from "./goals.ts";
import { nameItems } from "./items.ts";
import { checkActionScope } from "./scope.ts";
import { memo } from "./memo.ts";
import { checkStrengths } from "./strengths.ts";
import { checkTargets } from "./targets.ts";
import { checkWording } from "./wording.ts";

export { RULES, SECTIONS, type Finding, type RuleId, type Section, type Severity } from "./findings.ts";

/** Every finding for this plan on this day. `today` is YYYY-MM-DD. */
export function checkPlan(data: PlanData, today: string): Finding[] {
  if (!isDay(today)) throw new RangeError(`today must be a date like 2026-11-24, not "${today}"`);
  const findings = [
    ...checkGoals(data),
    ...checkBarriers(data),
    ...checkStrengths(data),
    ...perAction(data, today),
  ];
  // Stable sort: within a section, the order above (plan order, then rule) is kept.
  findings.sort((a, b) => SECTIONS.indexOf(a.where.section) - SECTIONS.indexOf(b.where.section));
  return nameItems(findings, data);
}

/** The same few days come back all day; once texts are remembered, parsing the date was a good share of a call. */
const isDay = memo(isIsoDate, { entries: 64 });

/** Action findings grouped by action, so each action's findings sit together in plan order. */
function perAction(data: PlanData, today: string): Finding[] {
  const all = [...checkActions(data), ...checkTargets(data, today), ...checkActionScope(data), ...checkWording(data)];
  const position = new Map<string, number>([
    ...data.goals.map((g, i) => [g.id, i] as const),
    ...data.actions.map((a, i) => [a.id, data.goals.length + i] as const),
  ]);
  const at = (f: Finding) => (f.where.itemId === undefined ? -1 : (position.get(f.where.itemId) ?? Number.MAX_SAFE_INTEGER));
  return all.sort((a, b) => at(a) - at(b));
}
