/** Exports of any version of a plan: Coplan's JSON format, and an HL7 FHIR R4 Bundle. Audited. */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { msg } from "../i18n/translator.ts";
import { loadPlan } from "../plans/conversation.ts";
import { pickVersion } from "../exports/plan-json.ts";
import { toFhirBundle } from "../exports/fhir.ts";
import { linkBase } from "../http/link-base.ts";

/**
 * Why a version cannot be exported, in the reader's language: no such version (404), or its seal's
 * verdict (409, seal.ts's words, as everywhere a seal is checked). The export files themselves are
 * data formats: their field names, codes and display strings stay as they are.
 */
const refusal = (picked: { status: 404 | 409; message: string }) => (picked.status === 404 ? msg("exports.noSuchVersion") : picked.message);

export function exportRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/export.json", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    if (plan.practice) return errorResponse(c, 404, msg("exports.practice"));
    const picked = pickVersion(plan, c.req.query("version"), c.get("deps").signer);
    if (!picked.ok) return errorResponse(c, picked.status, refusal(picked));
    c.header("Content-Disposition", `attachment; filename="case-plan-${plan.id}-v${picked.value.version}.json"`);
    return c.json(picked.value);
  });

  app.get("/:id/export.fhir.json", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    if (plan.practice) return errorResponse(c, 404, msg("exports.practice"));
    const picked = pickVersion(plan, c.req.query("version"), c.get("deps").signer);
    if (!picked.ok) return errorResponse(c, picked.status, refusal(picked));
    const v = picked.value;
    const origin = linkBase(c.get("deps").settings);
    const bundle = toFhirBundle({
      planId: v.planId,
      version: v.version,
      status: v.status,
      data: v.data,
      signatures: v.signatures,
      sealedAt: v.sealedAt,
      contentHash: v.contentHash,
      actionStatus: v.progress.actions,
      goalStatus: v.progress.goals,
      replacesVersion: v.replacesVersion,
      baseUrl: `${origin}/plans`,
      integrity: v.integrity,
      liveData: v.liveData,
    });
    c.header("Content-Type", "application/fhir+json; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="case-plan-${plan.id}-v${v.version}.fhir.json"`);
    return c.body(JSON.stringify(bundle));
  });

  return app;
}
