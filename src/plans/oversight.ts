/**
 * One plan as the supervisor's view shows it (src/plans/caseload.ts has the row and its order).
 * Built from the signed version in force where there is one, so a reassessment's draft does not
 * hide the overdue work of the plan still being followed. Pure, given the seal key and today.
 */
import { msg } from "../i18n/translator.ts";
import { verifySeal, type SealKey } from "../signing/seal.ts";
import { concernsOf, type OversightRow } from "./caseload.ts";
import { openFindings } from "./coaching.ts";
import { UNCHECKED_RULES } from "../practice/rules.ts";
import type { PlanView } from "./conversation.ts";
import { handoverSummary } from "./handover.ts";
import { inForce } from "./reassessment.ts";

/** An ICU select cannot match a hyphen: the message selects on "not_done" for the status "not-done". */
const selector = (code: string) => code.replace(/-/g, "_");

export function oversightRow(plan: PlanView, managerName: string, today: string, key: SealKey): OversightRow {
  const force = inForce(plan);
  const check = force ? verifySeal(plan.id, force.sealed, key) : null;
  const data = check?.ok && force?.draftBeside ? check.data : plan.data;
  const signedOn = force?.sealed.sealedAt.slice(0, 10);
  // The day of signing is said where the agency works: a Date, which the message formats in its time zone.
  const signedAt = force ? new Date(force.sealed.sealedAt) : undefined;
  const signature = !force
    ? plan.step === "signing"
      ? msg("supervisor.signature.signing", { count: plan.signatures.length })
      : msg("supervisor.signature.draft", { stage: plan.step })
    : force.draftBeside
      ? msg("supervisor.signature.reassessing", { version: force.version, signed: signedAt!, draft: plan.version, stage: plan.step })
      : plan.version > 1
        ? msg("supervisor.signature.signedVersion", { signed: signedAt!, version: plan.version })
        : msg("supervisor.signature.signed", { signed: signedAt! });
  const overdue = force ? handoverSummary(data, force.progress, today).overdue.map((x) => ({ description: x.action.description, due: x.due! })) : [];
  // A signed plan's findings are read as of its signing, so time passing adds none.
  const findingsDay = plan.step === "signed" && signedOn ? signedOn : today;
  const all = openFindings(plan.data, findingsDay, plan.coaching.dismissed);
  // "Coplan could not read these words" is not a flaw in the plan: a plan written in the client's
  // own language would otherwise always need attention. Counted apart, so the supervisor still sees it.
  const open = all.filter((f) => !UNCHECKED_RULES.has(f.rule)).map((f) => ({ message: f.message, severity: f.severity }));
  const unchecked = all.length - open.length;
  const progress = force?.progress;
  const lastLog = progress?.log.at(-1);
  const lastNote = progress?.notes.at(-1);
  const nameOf = (t: { kind: string; id: string }) => (t.kind === "goal" ? data.goals.find((g) => g.id === t.id)?.issue : data.actions.find((a) => a.id === t.id)?.description) ?? t.id;
  const latest =
    lastNote && (!lastLog || lastNote.at >= lastLog.at)
      ? { at: lastNote.at, what: msg("supervisor.latest.note", { about: nameOf(lastNote.target), text: lastNote.text }) }
      : lastLog
        ? {
            at: lastLog.at,
            what: lastLog.reason
              ? msg("supervisor.latest.statusWhy", { about: nameOf(lastLog.target), status: selector(lastLog.status), reason: lastLog.reason })
              : msg("supervisor.latest.status", { about: nameOf(lastLog.target), status: selector(lastLog.status) }),
          }
        : undefined;
  const row = {
    id: plan.id,
    clientName: data.setup.clientName,
    managerName,
    signature,
    ...(check && !check.ok ? { sealProblem: check.problem } : {}),
    openFindings: open,
    unchecked,
    dismissed: plan.coaching.dismissed.map((d) => ({ rule: d.rule, reason: d.reason, at: d.at })),
    overdue,
    ...(latest ? { latest } : {}),
  };
  return { ...row, concerns: concernsOf(row, !!force, today) };
}
