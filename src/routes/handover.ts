/**
 * Supervisors comment on a plan and hand a case over to another case manager, who then gets a
 * handover summary: the current plan, its open actions and the latest notes.
 */
import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app.ts";
import { requireRole } from "../auth/middleware.ts";
import { notFound } from "../http/errors.ts";
import { readForm, readRev } from "../http/form.ts";
import { loadPlan } from "../plans/conversation.ts";
import { currentSeal } from "../signing/seal-status.ts";
import { StaleRevisionError, type StoredPlan } from "../store/plan-store.ts";

const NoteText = z.string().max(4000, { message: "Please keep the note under 4000 characters." });

export function handoverRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/handover", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const users = await c.get("deps").users.all();
    const managers = users.filter((u) => u.role === "case-manager" && !u.disabled);
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const open = plan.data.actions.filter((a) => a.status !== "done");
    // The summary shows the plan as stored: say so if that no longer matches what was signed.
    const sealStatus = currentSeal(plan, c.get("deps").signer)?.status;
    return c.html(c.get("render")("pages/handover", { plan, open, managers, names, notes: [...plan.notes].reverse(), values: {}, errors: {}, sealStatus }));
  });

  const change = async (c: Context<AppEnv>, rev: number, apply: (plan: StoredPlan) => StoredPlan) => {
    try {
      await c.get("deps").store.update(c.req.param("id") ?? "", rev, apply);
    } catch (err) {
      if (err instanceof StaleRevisionError) {
        return c.html(c.get("render")("pages/error", { heading: "The plan changed meanwhile", message: "Someone saved this plan after you opened the page. Nothing was changed; go back, reload and try again." }), 409);
      }
      throw err;
    }
    return null;
  };

  app.post("/:id/notes", requireRole("supervisor"), async (c) => {
    const form = await readForm(c);
    const text = NoteText.safeParse(form.text ?? "");
    if (!text.success || !text.data.trim()) return c.html(c.get("render")("pages/error", { heading: "The note is empty or too long", message: "Write a note of up to 4000 characters." }), 422);
    const note = { id: randomBytes(6).toString("hex"), at: c.get("deps").now().toISOString(), by: c.get("user")!.id, kind: "comment" as const, text: text.data };
    const refused = await change(c, readRev(form), (p) => ({ ...p, notes: [...(p.notes ?? []), note] }));
    if (refused) return refused;
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-commented", record: c.req.param("id"), ip: c.get("ip") });
    return c.redirect(`/plans/${c.req.param("id")}/handover`, 303);
  });

  app.post("/:id/reassign", requireRole("supervisor"), async (c) => {
    const form = await readForm(c);
    const to = (await c.get("deps").users.all()).find((u) => u.id === form.to && u.role === "case-manager" && !u.disabled);
    if (!to) return c.html(c.get("render")("pages/error", { heading: "Choose a case manager", message: "Pick an active case manager to take over the case." }), 422);
    const text = NoteText.safeParse(form.note ?? "");
    if (!text.success) return c.html(c.get("render")("pages/error", { heading: "The handover note is too long", message: "Keep it under 4000 characters." }), 422);
    const note = { id: randomBytes(6).toString("hex"), at: c.get("deps").now().toISOString(), by: c.get("user")!.id, kind: "handover" as const, text: `Handed over to ${to.displayName}.${text.data.trim() ? ` ${text.data}` : ""}` };
    const refused = await change(c, readRev(form), (p) => ({ ...p, ownerId: to.id, notes: [...(p.notes ?? []), note] }));
    if (refused) return refused;
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-reassigned", record: c.req.param("id"), detail: `to ${to.id}`, ip: c.get("ip") });
    return c.redirect(`/plans/${c.req.param("id")}/handover`, 303);
  });

  return app;
}
