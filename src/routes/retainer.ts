/** The signed retainer: an HTML page per copy, and the PDF of all three (or one) copies. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { msg } from "../i18n/translator.ts";
import { loadPlan } from "../plans/conversation.ts";
import { buildRetainer, COPIES, type Copy } from "../signing/retainer.ts";
import { copyText } from "../signing/retainer-copy.ts";
import { retainerPdf } from "../signing/retainer-pdf.ts";
import { PdfBusyError } from "../signing/pdf-output.ts";
import { liveDataMatches, type Sealed, type SealKey, verifySeal } from "../signing/seal.ts";
import { statusOf } from "../signing/seal-status.ts";
import type { PlanView } from "../plans/conversation.ts";

/** The sealed version asked for: `?version=N` for an earlier one, else the current signed one. */
function sealedVersion(plan: PlanView, version: string | undefined) {
  if (version === undefined) return plan.sealed ?? plan.history.at(-1)?.sealed;
  return plan.history.find((h) => String(h.version) === version)?.sealed ?? (String(plan.version) === version ? plan.sealed : undefined);
}

/**
 * The seal's check, and whether the plan as stored still matches it: asked only of the current
 * signed version (an earlier one is meant to differ from today's plan).
 */
function checkSealed(plan: PlanView, sealed: Sealed, key: SealKey) {
  const check = verifySeal(plan.id, sealed, key);
  const current = sealed === plan.sealed;
  const liveDiffers = check.ok && current && !liveDataMatches(plan.id, plan.version, plan.data, check);
  return { check, liveDiffers, status: statusOf(check, !liveDiffers), source: { planId: plan.id, sealed, liveDiffers } };
}

const CopyParam = z.enum(COPIES as [Copy, ...Copy[]]);

export function retainerRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/retainer", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const sealed = sealedVersion(plan, c.req.query("version"));
    if (!sealed) return errorResponse(c, 404, msg("retainer.error.unsigned"));
    const copy = CopyParam.safeParse(c.req.query("copy") ?? "client");
    if (!copy.success) return errorResponse(c, 400, msg("retainer.error.copies"));
    const { check, status, source } = checkSealed(plan, sealed, c.get("deps").signer);
    const retainer = check.ok ? buildRetainer(check, undefined, source) : undefined;
    const data = {
      planId: plan.id,
      // The signed version's own name: a reassessment's draft may have changed the plan's since.
      client: (check.ok ? check.data : plan.data).setup.clientName,
      staff: true,
      backHref: `/plans/${plan.id}`,
      backText: c.get("i18n").t("retainer.back"),
      problem: check.ok ? undefined : check.problem,
      retainer,
      sealStatus: status,
      // The copy in its own languages, as sealed; the page around it speaks the reader's.
      copies: retainer ? [copyText(retainer, copy.data)] : [],
      otherCopies: COPIES.filter((k) => k !== copy.data),
      versionQuery: c.req.query("version") ? `&version=${encodeURIComponent(c.req.query("version")!)}` : "",
    };
    return c.html(c.get("render")("retainer/page", data));
  });

  app.get("/:id/retainer.pdf", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const sealed = sealedVersion(plan, c.req.query("version"));
    if (!sealed) return errorResponse(c, 404, msg("retainer.error.unsignedPdf"));
    const { check, source } = checkSealed(plan, sealed, c.get("deps").signer);
    // A record that no longer matches its signatures is never printed as if it were sound.
    if (!check.ok) return errorResponse(c, 409, check.problem);
    const one = c.req.query("copy");
    const copy = one === undefined ? null : CopyParam.safeParse(one);
    if (copy && !copy.success) return errorResponse(c, 400, msg("retainer.error.copies"));
    const copies: Copy[] = copy ? [copy.data] : ["client", "office", "record"];
    let pdf: ReadableStream<Uint8Array>;
    try {
      // Each copy in its sealed languages; warnings (about today, not sealed) in the reader's.
      pdf = await retainerPdf(buildRetainer(check, undefined, source), copies, c.get("i18n"));
    } catch (err) {
      if (!(err instanceof PdfBusyError)) throw err;
      // A few PDFs are made at once (each holds tens of MB); the rest are asked to come back.
      c.header("Retry-After", String(err.retryAfterSeconds));
      return errorResponse(c, 503, msg("retainer.error.busy"));
    }
    const name = `case-plan-${check.data.setup.planDate}${copy ? `-${copy.data}` : ""}.pdf`;
    c.header("Content-Type", "application/pdf");
    c.header("Content-Disposition", `${c.req.query("inline") ? "inline" : "attachment"}; filename="${name}"`);
    // Streamed: the PDF is made copy by copy as it is sent, never held whole (signing/pdf-output.ts).
    return c.body(pdf);
  });

  return app;
}
