/**
 * Supervisors comment on a plan and hand a case over to another case manager, who then gets a
 * handover summary built from the plan in force and its progress (src/plans/handover.ts).
 */
import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import type { AuditInput } from "../audit/chain.ts";
import { savingWith } from "../audit/audited-saves.ts";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { notFound } from "../http/errors.ts";
import { msgText } from "../i18n/translator.ts";
import { readForm, readRev } from "../http/form.ts";
import { loadPlan, type PlanView } from "../plans/conversation.ts";
import { currentSeal, statusOf } from "../signing/seal-status.ts";
import { verifySeal } from "../signing/seal.ts";
import { handoverSummary } from "../plans/handover.ts";
import { inForce } from "../plans/reassessment.ts";
import { todayIn } from "../time.ts";
import { StaleRevisionError, type StoredPlan } from "../store/plan-store.ts";

const NoteText = z.string().max(4000, { message: msgText("handover.error.tooLong", { max: 4000 }) });
const CommentText = NoteText.refine((t) => t.trim() !== "", { message: msgText("handover.error.emptyComment") });

type C = Context<AppEnv>;

/** The summary, with the forms; after a refusal, the same forms with the words typed and why. */
async function handoverPage(c: C, plan: PlanView, extra: { values?: Record<string, string>; errors?: Record<string, string>; conflict?: boolean } = {}, status: 200 | 409 | 422 = 200) {
  const users = await c.get("deps").users.all();
  const managers = users.filter((u) => u.role === "case-manager" && !u.disabled);
  const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
  const key = c.get("deps").signer;
  const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
  // Built from the signed version in force: during a reassessment, the last signed one (checked
  // against its seal), not the draft; before any signing, the draft as it stands.
  const force = inForce(plan);
  const signed = force?.draftBeside ? verifySeal(plan.id, force.sealed, key) : null;
  const shown: PlanView = signed?.ok ? { ...plan, data: signed.data } : plan;
  const summary = handoverSummary(shown.data, force?.progress ?? plan.progress, today);
  // The summary shows the plan as stored: say so if that no longer matches what was signed.
  const sealStatus = signed ? statusOf(signed) : currentSeal(plan, key)?.status;
  const comments = [...plan.notes].reverse();
  return c.html(
    c.get("render")("pages/handover", { plan: shown, force, summary, today, managers, names, comments, values: {}, errors: {}, sealStatus, ...extra }),
    status,
  );
}

/** The first problem per field, keyed by the form's field names: messages in strings (msgText), said in the reader's language. */
function fieldErrors(error: z.ZodError, field: string): Record<string, string> {
  return { [field]: error.issues[0]?.message ?? msgText("handover.error.check") };
}

/**
 * The note a handover leaves: kept as text in the plan, so it is written once, in the language of the
 * supervisor who wrote it (as their own words beside it are), not translated for later readers.
 */
function handedOver(c: C, name: string, note: string): string {
  const said = c.get("i18n").t("handover.handedOverTo", { name });
  return note.trim() ? `${said} ${note}` : said;
}

export function handoverRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/handover", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    return handoverPage(c, plan);
  });

  /** Saves the change; on a stale page, the latest summary with the typed words kept (409). */
  const change = async (c: C, rev: number, apply: (plan: StoredPlan) => StoredPlan, values: Record<string, string>, entry: AuditInput) => {
    try {
      // Recorded with the save: in its transaction where the store keeps the audit log (audited-saves.ts).
      await savingWith(c.get("deps"), () => entry).update(c.req.param("id") ?? "", rev, apply);
    } catch (err) {
      if (err instanceof StaleRevisionError) {
        const latest = await loadPlan(c.get("deps").store, c.req.param("id") ?? "");
        if (!latest) return notFound(c);
        return handoverPage(c, latest, { values, conflict: true }, 409);
      }
      throw err;
    }
    return null;
  };

  app.post("/:id/notes", requireRole("supervisor"), async (c) => {
    const form = await readForm(c);
    const values = { text: form.text ?? "" };
    const text = CommentText.safeParse(values.text);
    if (!text.success) {
      const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
      return plan ? handoverPage(c, plan, { values, errors: fieldErrors(text.error, "text") }, 422) : notFound(c);
    }
    const note = { id: randomBytes(6).toString("hex"), at: c.get("deps").now().toISOString(), by: c.get("user")!.id, kind: "comment" as const, text: text.data };
    const entry: AuditInput = { actor: c.get("user")!.id, action: "plan-commented", record: c.req.param("id"), ip: c.get("ip") };
    const refused = await change(c, readRev(form), (p) => ({ ...p, notes: [...(p.notes ?? []), note] }), values, entry);
    if (refused) return refused;
    return c.redirect(`/plans/${c.req.param("id")}/handover`, 303);
  });

  app.post("/:id/reassign", requireRole("supervisor"), async (c) => {
    const form = await readForm(c);
    const values = { to: form.to ?? "", note: form.note ?? "" };
    const to = (await c.get("deps").users.all()).find((u) => u.id === values.to && u.role === "case-manager" && !u.disabled);
    const text = NoteText.safeParse(values.note);
    if (!to || !text.success) {
      const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
      if (!plan) return notFound(c);
      const errors = { ...(to ? {} : { to: msgText("handover.error.pickManager") }), ...(text.success ? {} : fieldErrors(text.error, "note")) };
      return handoverPage(c, plan, { values, errors }, 422);
    }
    const note = { id: randomBytes(6).toString("hex"), at: c.get("deps").now().toISOString(), by: c.get("user")!.id, kind: "handover" as const, text: handedOver(c, to.displayName, text.data) };
    const entry: AuditInput = { actor: c.get("user")!.id, action: "plan-reassigned", record: c.req.param("id"), detail: `to ${to.id}`, ip: c.get("ip") };
    const refused = await change(c, readRev(form), (p) => ({ ...p, ownerId: to.id, notes: [...(p.notes ?? []), note] }), values, entry);
    if (refused) return refused;
    return c.redirect(`/plans/${c.req.param("id")}/handover`, 303);
  });

  return app;
}
