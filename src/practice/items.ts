/**
 * Naming the item a finding is about, the way a person would point at it: Goal 2 “Feel better”,
 * Action “Help with housing”, Barrier to Goal 1 “I owe two months of rent”. The checks place a
 * finding by item id; this adds the name, so the finding can be shown beside its item and read on
 * its own (in plan:check's output, on the scorecard).
 */
import type { PlanData } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { type About, type Finding, shorten } from "./findings.ts";
import { goalText } from "./goal-text.ts";

const SHORT = 60;

/** An item named with its words: the label ("Goal 2 “Feel better”") and the name alone ("Goal 2"). */
function named(kind: About["kind"], id: string | undefined, key: string, words: string, values: Record<string, number> = {}): About {
  const shown = shorten(words, SHORT);
  const about: About = { kind, label: msg(`coaching.about.${key}`, { ...values, words: shown }), name: msg(`coaching.about.${key}Name`, values), words: shown };
  return id === undefined ? about : { kind, id, label: about.label, name: about.name, words: shown };
}

export function aboutItem(f: Finding, data: PlanData): About {
  const id = f.where.itemId;
  if (id === undefined) {
    if (f.rule === "priority-issue-unaddressed") return named("priority-issue", undefined, "priorityIssue", f.triggers?.[0] ?? "");
    const key = f.where.section === "strengths" ? "coaching.about.strengths" : "coaching.about.plan";
    return { kind: "plan", label: msg(key), name: msg(key) };
  }
  const goalIndex = data.goals.findIndex((g) => g.id === id);
  if (goalIndex >= 0) return named("goal", id, "goal", goalText(data.goals[goalIndex]).text, { n: goalIndex + 1 });
  const barrier = data.barriers.find((b) => b.id === id);
  if (barrier) {
    const n = data.goals.findIndex((g) => g.id === barrier.goalId);
    return n >= 0 ? named("barrier", id, "barrierOfGoal", barrier.clientWords, { n: n + 1 }) : named("barrier", id, "barrier", barrier.clientWords);
  }
  const action = data.actions.find((a) => a.id === id);
  if (action) return named(f.where.section === "contract" ? "commitment" : "action", id, f.where.section === "contract" ? "commitment" : "action", action.description);
  return { kind: "plan", id, label: msg("coaching.about.plan"), name: msg("coaching.about.plan") };
}

/**
 * Names each finding's item, on the finding itself: the checks have just made these findings for
 * this call alone, and copying each one (some nine members) to add its name was most of the cost
 * of naming them.
 */
export function nameItems(findings: Finding[], data: PlanData): Finding[] {
  for (const f of findings) f.about = aboutItem(f, data);
  return findings;
}
