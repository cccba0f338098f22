/**
 * The conversation's state changes: answers added from the composer, earlier answers edited from
 * their bubble, and moving between steps. Each translates HTTP into machine events and back.
 * Without JavaScript: POST, then 303 to the page. With htmx: only the fragments that changed.
 */
import { type Context, Hono } from "hono";
import { isItemKind, type ItemKind } from "../../machines/rules.ts";
import { isStep } from "../../machines/steps.ts";
import type { PlanEvent } from "../../machines/plan-machine.ts";
import type { AppEnv } from "../http/app-env.ts";
import { isHtmx, readForm, readRev } from "../http/form.ts";
import { htmlBytes, outOfBand, renderBubble } from "../http/fragments.ts";
import { signingPageData } from "./signing.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { loadPlan, type PlanView, RefusedError, sendEvent } from "../plans/conversation.ts";
import { clientCatalogTag } from "../i18n/client-language.ts";
import { type FieldErrors, itemToForm, parseCommitment, parseItem, parseSetup, setupToForm } from "../plans/forms.ts";
import { transcript } from "../plans/transcript.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { type Msg, msg } from "../i18n/translator.ts";

type C = Context<AppEnv>;

/** The words field of each kind: empty words plus "Continue" means "just move on". */
const WORDS_FIELD: Record<ItemKind, string> = {
  goals: "clientWords",
  declined: "reason",
  barriers: "clientWords",
  strengths: "clientWords",
  actions: "description",
};

interface ComposerState {
  activeForm?: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  refusal?: Msg;
  conflict?: boolean;
}

async function mustLoad(c: C): Promise<PlanView | null> {
  return loadPlan(c.get("deps").store, c.req.param("id")!);
}

/** Responds from the composer: the next question (or the same form with what went wrong). */
function composerResponse(c: C, before: PlanView | null, view: PlanView, state: ComposerState = {}, status: 200 | 409 | 422 = 200) {
  const data = signingPageData(c, view, { ...state });
  if (!isHtmx(c)) {
    // No #composer fragment: browsers skip autofocus on a page opened at a fragment.
    if (status === 200) return c.redirect(`/plans/${view.id}`, 303);
    return c.html(c.get("render")("pages/conversation", data), status);
  }
  c.header("Vary", "HX-Request");
  const oob = before
    ? outOfBand(c.get("render"), before, view, undefined, data)
    : [c.get("render")("partials/transcript", { ...data, oob: true }), c.get("render")("partials/progress", { ...data, oob: true }), c.get("render")("partials/plan-panel", { ...data, oob: true })].join("\n");
  return htmlBytes(c, c.get("render")("partials/composer", data) + "\n" + oob, status);
}

/** Runs the events; maps a stale version to 409 and a refusal to 422, keeping the typed words. */
async function applyFromComposer(c: C, before: PlanView, rev: number, events: PlanEvent[], state: ComposerState) {
  try {
    return { view: await sendEvent(c.get("deps").store, before.id, rev, events) };
  } catch (err) {
    if (err instanceof StaleRevisionError) {
      const latest = (await mustLoad(c)) ?? before;
      return { response: composerResponse(c, null, latest, { ...state, conflict: true }, 409) };
    }
    if (err instanceof RefusedError) return { response: composerResponse(c, before, before, { ...state, refusal: err.reason }, 422) };
    throw err;
  }
}

interface EditTarget {
  kind: ItemKind | "setup" | "commitment";
  bubbleId: string;
  itemId: string;
  action: string;
  /** The edit form's heading: a catalog key. */
  heading: string;
  removable: boolean;
}

function editTarget(view: PlanView, kind: string, itemId: string): EditTarget | null {
  const base = `/plans/${view.id}`;
  if (kind === "setup") return { kind, bubbleId: "setup", itemId: "setup", action: `${base}/setup`, heading: "edit.heading.setup", removable: false };
  if (kind === "commitment") {
    if (!view.data.actions.some((a) => a.id === itemId)) return null;
    return { kind, bubbleId: `c-${itemId}`, itemId, action: `${base}/commitments/${itemId}`, heading: "edit.heading.commitment", removable: false };
  }
  if (!isItemKind(kind)) return null;
  if (!(view.data[kind] as { id: string }[]).some((i) => i.id === itemId)) return null;
  return { kind, bubbleId: itemId, itemId, action: `${base}/${kind}/${itemId}`, heading: `edit.heading.${kind}`, removable: true };
}

function currentValues(view: PlanView, t: EditTarget): Record<string, string> {
  // A plan made before clients' languages were recorded is English: the form says so, not the staff language.
  if (t.kind === "setup") return { ...setupToForm(view.data.setup), clientLanguage: clientCatalogTag(view.data) };
  if (t.kind === "commitment") {
    const text = view.data.actions.find((a) => a.id === t.itemId)?.commitment ?? "";
    return { text, seen: text }; // `seen`: see the contract step's route
  }
  return itemToForm(t.kind, (view.data[t.kind] as { id: string }[]).find((i) => i.id === t.itemId)! as Record<string, unknown>);
}

const SEALED = msg("edit.sealed");

function editFormResponse(c: C, view: PlanView, t: EditTarget, state: ComposerState, status: 200 | 409 | 422) {
  // A signed plan never shows an edit form, not even to say why a change was refused.
  // A refused save stays a 422 (the change was refused); asking for the form is a 409 (its state).
  if (view.step === "signed") return errorResponse(c, status === 200 ? 409 : status, SEALED);
  const data = signingPageData(c, view, { ...t, values: state.values ?? currentValues(view, t), errors: state.errors ?? {}, refusal: state.refusal, conflict: state.conflict });
  if (!isHtmx(c)) return c.html(c.get("render")("pages/edit", data), status);
  c.header("Vary", "HX-Request");
  const oob = status === 409 ? "\n" + [c.get("render")("partials/progress", { ...data, oob: true }), c.get("render")("partials/plan-panel", { ...data, oob: true })].join("\n") : "";
  return htmlBytes(c, c.get("render")("partials/edit-form", data) + oob, status);
}

/** After an edit from a bubble: the bubble itself, plus whatever else the change touched. */
function bubbleResponse(c: C, before: PlanView, after: PlanView, t: EditTarget) {
  if (!isHtmx(c)) return c.redirect(`/plans/${after.id}#bubble-${t.bubbleId}`, 303);
  c.header("Vary", "HX-Request");
  const bubble = transcript(after).find((b) => b.id === t.bubbleId);
  // With the coaching of both versions, so every finding the edit settled or raised changes at once.
  const data = signingPageData(c, after);
  const main = bubble ? renderBubble(c.get("render"), after, bubble, false, true, data) : "";
  return htmlBytes(c, main + "\n" + outOfBand(c.get("render"), before, after, bubble ? t.bubbleId : undefined, data));
}

async function applyEdit(c: C, before: PlanView, t: EditTarget, rev: number, event: PlanEvent, values: Record<string, string>) {
  try {
    const after = await sendEvent(c.get("deps").store, before.id, rev, event);
    return bubbleResponse(c, before, after, t);
  } catch (err) {
    if (err instanceof StaleRevisionError) {
      const latest = (await mustLoad(c)) ?? before;
      return editFormResponse(c, latest, t, { values, conflict: true }, 409);
    }
    if (err instanceof RefusedError) return editFormResponse(c, before, t, { values, refusal: err.reason }, 422);
    throw err;
  }
}

export function conversationRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/:id/next", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const rev = readRev(await readForm(c));
    const done = await applyFromComposer(c, before, rev, [{ type: "NEXT" }], {});
    return done.response ?? composerResponse(c, before, done.view!);
  });

  app.post("/:id/goto", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    if (!isStep(form.step)) return composerResponse(c, before, before, { refusal: msg("conversation.refuse.noSuchStep") }, 422);
    const done = await applyFromComposer(c, before, rev, [{ type: "GOTO", step: form.step }], {});
    return done.response ?? composerResponse(c, before, done.view!);
  });

  // The contract step: every commitment sentence in one form, so no edit is lost to another's save.
  app.post("/:id/commitments", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const errors: FieldErrors = {};
    const events: PlanEvent[] = [];
    for (const a of before.data.actions) {
      if (!(`text-${a.id}` in form)) continue;
      // A sentence left as the form showed it is not sent back: the plan may have re-drafted it
      // since (its action changed in another window), and the form's old copy must not win.
      const seen = form[`seen-${a.id}`];
      if (seen !== undefined && seen === form[`text-${a.id}`]) continue;
      const parsed = parseCommitment({ text: form[`text-${a.id}`] });
      if (parsed.ok) events.push({ type: "SET_COMMITMENT", id: a.id, text: parsed.value, seen });
      else errors[`text-${a.id}`] = parsed.errors.text;
    }
    const state = { activeForm: "contract", values: form };
    if (Object.keys(errors).length) return composerResponse(c, before, before, { ...state, errors }, 422);
    if (form.then === "next") events.push({ type: "NEXT" });
    const done = await applyFromComposer(c, before, rev, events, state);
    return done.response ?? composerResponse(c, before, done.view!);
  });

  // A hand-written commitment whose action changed: re-draft it from the action, or keep the wording.
  for (const [verb, type] of [["redraft", "REDRAFT_COMMITMENT"], ["keep", "KEEP_COMMITMENT"]] as const) {
    app.post(`/:id/commitments/:itemId/${verb}`, async (c) => {
      const before = await mustLoad(c);
      if (!before) return notFound(c);
      const id = c.req.param("itemId");
      if (!before.data.actions.some((a) => a.id === id)) return notFound(c);
      const rev = readRev(await readForm(c));
      const done = await applyFromComposer(c, before, rev, [{ type, id }], {});
      return done.response ?? composerResponse(c, before, done.view!);
    });
  }

  app.post("/:id/setup", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const t = editTarget(before, "setup", "setup")!;
    const parsed = parseSetup(form);
    if (!parsed.ok) return editFormResponse(c, before, t, { values: form, errors: parsed.errors }, 422);
    // A form from before the client's language was asked (a page left open) keeps the plan's.
    const setup = form.clientLanguage === undefined && before.data.setup.clientLanguage ? { ...parsed.value, clientLanguage: before.data.setup.clientLanguage } : parsed.value;
    return applyEdit(c, before, t, rev, { type: "SET_SETUP", setup }, form);
  });

  app.post("/:id/:kind", async (c) => {
    const kind = c.req.param("kind");
    if (!isItemKind(kind)) return notFound(c);
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const state = { activeForm: `add-${kind}`, values: form };
    const thenNext = form.then === "next";
    if (thenNext && !(form[WORDS_FIELD[kind]] ?? "").trim()) {
      const done = await applyFromComposer(c, before, rev, [{ type: "NEXT" }], {});
      return done.response ?? composerResponse(c, before, done.view!);
    }
    const parsed = parseItem(kind, form);
    if (!parsed.ok) return composerResponse(c, before, before, { ...state, errors: parsed.errors }, 422);
    const added = await applyFromComposer(c, before, rev, [{ type: "ADD", kind, input: parsed.value }], state);
    if (added.response) return added.response;
    if (!thenNext) return composerResponse(c, before, added.view!);
    // The answer is saved; moving on is a second step that may be refused (and says why).
    const moved = await applyFromComposer(c, added.view!, added.view!.rev, [{ type: "NEXT" }], {});
    return moved.response ?? composerResponse(c, before, moved.view!);
  });

  app.get("/:id/bubbles/:bubbleId", async (c) => {
    const view = await mustLoad(c);
    if (!view) return notFound(c);
    if (!isHtmx(c)) return c.redirect(`/plans/${view.id}#bubble-${c.req.param("bubbleId")}`, 303);
    const bubble = transcript(view).find((b) => b.id === c.req.param("bubbleId"));
    if (!bubble) return notFound(c);
    c.header("Vary", "HX-Request");
    return c.html(renderBubble(c.get("render"), view, bubble, false, true, signingPageData(c, view)));
  });

  app.get("/:id/:kind/:itemId/edit", async (c) => {
    const view = await mustLoad(c);
    if (!view) return notFound(c);
    const kind = c.req.param("kind") === "commitments" ? "commitment" : c.req.param("kind");
    const t = editTarget(view, kind, c.req.param("itemId"));
    if (!t) return notFound(c);
    return editFormResponse(c, view, t, {}, 200);
  });

  app.get("/:id/setup/edit", async (c) => {
    const view = await mustLoad(c);
    if (!view) return notFound(c);
    return editFormResponse(c, view, editTarget(view, "setup", "setup")!, {}, 200);
  });

  app.post("/:id/:kind/:itemId", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const kind = c.req.param("kind") === "commitments" ? "commitment" : c.req.param("kind");
    const t = editTarget(before, kind, c.req.param("itemId"));
    if (!t) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    if (t.kind === "commitment") {
      const parsed = parseCommitment(form);
      if (!parsed.ok) return editFormResponse(c, before, t, { values: form, errors: parsed.errors }, 422);
      // Unchanged from what the form showed: nothing to save (and an old copy must not win).
      if (form.seen !== undefined && form.seen === form.text) return bubbleResponse(c, before, before, t);
      return applyEdit(c, before, t, rev, { type: "SET_COMMITMENT", id: t.itemId, text: parsed.value, seen: form.seen }, form);
    }
    const itemKind = t.kind as ItemKind;
    const parsed = parseItem(itemKind, form);
    if (!parsed.ok) return editFormResponse(c, before, t, { values: form, errors: parsed.errors }, 422);
    return applyEdit(c, before, t, rev, { type: "UPDATE", kind: itemKind, id: t.itemId, input: parsed.value }, form);
  });

  app.post("/:id/:kind/:itemId/delete", async (c) => {
    const before = await mustLoad(c);
    if (!before) return notFound(c);
    const t = editTarget(before, c.req.param("kind"), c.req.param("itemId"));
    if (!t || !t.removable) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    return applyEdit(c, before, t, rev, { type: "REMOVE", kind: t.kind as ItemKind, id: t.itemId }, currentValues(before, t));
  });

  return app;
}
