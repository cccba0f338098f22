/**
 * What an htmx response carries besides its main fragment: the progress indicator, the plan panel
 * and only those chat bubbles that are new, changed or gone since the version the page showed.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Render } from "../render.ts";
import type { PlanView } from "../plans/conversation.ts";
import { type Bubble, sameBubble, transcript } from "../plans/transcript.ts";
import { type Placed, sameFindings } from "../plans/coaching.ts";
import { pageData } from "./page-data.ts";

/**
 * An htmx response's HTML as UTF-8 bytes. Handed a string, node's HTTP server measures it (which
 * copies a rope into one flat string), then copies it again behind the headers and encodes it as
 * it writes: on a busy server, about a fifth of what an answer allocates. Bytes are made once,
 * outside the JS heap, and written as they are.
 */
export function htmlBytes(c: Context, html: string, status: ContentfulStatusCode = 200): Response {
  return c.body(Buffer.from(html, "utf8"), status, { "Content-Type": "text/html; charset=UTF-8" });
}

/** Page data that may carry coaching (see coachingData in src/plans/coaching.ts). */
type Coached = Record<string, unknown> & { placed?: Placed; placedOf?: (view: PlanView) => Placed };

/**
 * `focus`: put focus on the bubble's Edit link, after its edit form closes, so keyboard users keep their place.
 * `data`: the page data of `view`; its coaching puts each finding under the bubble of the item it is about.
 */
export function renderBubble(render: Render, view: PlanView, bubble: Bubble, oob = false, focus = false, data: Coached = {}): string {
  // A signed plan is sealed: its bubbles offer no Edit link.
  const html = render("partials/bubble", { ...data, plan: view, bubble, editable: view.step !== "signed", focus });
  return oob ? html.replace(/^(\s*<li\b)/, '$1 hx-swap-oob="true"') : html;
}

/**
 * `data`: the page data of `after` if the caller has it already (the composer's), so it is not
 * worked out twice; the progress bar and the plan panel read only what every page's data holds.
 */
export function outOfBand(render: Render, before: PlanView | null, after: PlanView, skipBubble?: string, data: Coached = pageData(after)): string {
  const oob = { ...data, oob: true };
  const parts = [render("partials/progress", oob), render("partials/plan-panel", oob)];
  // The composer's coaching box too: an answer edited in place changes what it lists.
  if (data.placed) parts.push(render("partials/coaching", oob));
  // A bubble is sent again when its words or the coaching under it changed.
  const coachedBefore = before && data.placedOf ? data.placedOf(before).byBubble : undefined;
  const coachingChanged = (id: string) => coachedBefore !== undefined && !sameFindings(coachedBefore.get(id), data.placed!.byBubble.get(id));
  // Compare the bubbles' content first; only new or changed ones are rendered.
  const old = new Map((before ? transcript(before) : []).map((b) => [b.id, b]));
  const now = transcript(after);
  const seen = new Set<string>();
  let run: string[] = [];
  const replaced: string[] = [];
  let anchor = "";
  const flush = () => {
    if (run.length) parts.push(`<div hx-swap-oob="afterend:#bubble-${anchor}">${run.join("")}</div>`);
    run = [];
  };
  now.forEach((bubble, i) => {
    seen.add(bubble.id);
    if (!old.has(bubble.id)) {
      if (run.length === 0) anchor = now[i - 1]?.id ?? "";
      run.push(renderBubble(render, after, bubble, false, false, data));
      return;
    }
    flush();
    if (bubble.id !== skipBubble && (!sameBubble(old.get(bubble.id)!, bubble) || coachingChanged(bubble.id))) replaced.push(renderBubble(render, after, bubble, true, false, data));
  });
  flush();
  // New bubbles go in after the bubble before them while that bubble is still the one on the page:
  // replaced first, the element an insertion was anchored to would be gone (a question whose coaching
  // changed as its first answer arrived).
  parts.push(...replaced);
  for (const id of old.keys()) {
    if (!seen.has(id) && id !== skipBubble) parts.push(`<li id="bubble-${id}" hx-swap-oob="delete"></li>`);
  }
  // Joined with + rather than join(): V8 keeps the pieces as a rope instead of copying them all into
  // one new string here, and the response is flattened once anyway when it is written.
  let html = parts[0];
  for (let i = 1; i < parts.length; i++) html += "\n" + parts[i];
  return html;
}
