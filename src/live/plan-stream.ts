/**
 * One plan's server-sent events: each saved revision is sent as one event whose data is the HTML
 * fragments a page swaps in, with the revision as its `id:`, so a browser that reconnects (a
 * dropped connection, a server restart) says with Last-Event-ID where it was and gets what it
 * missed at once. A closed stream stops listening at once; the open ones are counted and capped.
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse } from "../http/errors.ts";
import { msg } from "../i18n/translator.ts";
import { loadPlan, type PlanView } from "../plans/conversation.ts";
import { streams } from "./streams.ts";

/** A comment line this often keeps proxies from closing a quiet stream, and rechecks `render`. */
export const HEARTBEAT_MS = 20_000;
/** How soon a browser reconnects after losing the stream. */
const RETRY_MS = 1_000;

export interface StreamOf {
  /** The fragments a page swaps in for this revision. */
  render: (view: PlanView) => string;
  /** True when this stream must end now (a companion link that has ended); checked at every beat. */
  ended?: (view: PlanView) => boolean;
  /**
   * The longest this stream stays open; then it says "expired" and closes. The staff screen's is its
   * session's idle time, so an open page does not keep an unattended session alive: its script comes
   * back (through the sign-in check) only once someone uses the page.
   */
  maxMs?: number;
  /** The account whose screen this is: its streams close ("expired") when it signs out. */
  userId?: string;
}

/** Each signed-in account's open streams, told to close at its sign-out. */
const byUser = new Map<string, Set<() => void>>();

/**
 * At sign-out: the account's open screens stop receiving the plan at once; each comes back, through
 * the sign-in check, only if its own session is still good and someone uses the page.
 */
export function expireStreamsOf(userId: string): void {
  for (const expire of byUser.get(userId) ?? []) expire();
}

/** The revision the page already shows: Last-Event-ID on a reconnect, else the page's own `?rev=`. */
export function shownRev(c: Context<AppEnv>): number {
  const n = Number(c.req.header("Last-Event-ID") ?? c.req.query("rev") ?? "0");
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export function planStream(c: Context<AppEnv>, planId: string, of: StreamOf): Response {
  const release = streams.open(planId);
  if (!release) {
    c.header("Retry-After", "10");
    return errorResponse(c, 503, msg("live.tooManyScreens"));
  }
  const store = c.get("deps").store;
  let sent = shownRev(c);
  c.header("X-Accel-Buffering", "no"); // a proxy in front (nginx) must pass each event on at once
  return streamSSE(c, async (stream) => {
    let wake: (() => void) | null = null;
    let changed = true; // check once at the start: a change may have come before the stream did
    // deps.planEvents hears this process's saves and, on PostgreSQL, every other process's too.
    const stop = c.get("deps").planEvents.onPlanChanged((id, rev) => {
      if (id !== planId || rev <= sent) return;
      changed = true;
      wake?.();
    });
    let closed = false;
    let expired = false;
    const expire = () => {
      expired = true;
      wake?.();
    };
    if (of.userId) {
      if (!byUser.has(of.userId)) byUser.set(of.userId, new Set());
      byUser.get(of.userId)!.add(expire);
    }
    const close = () => {
      if (closed) return;
      closed = true;
      stop();
      release();
      if (of.userId) {
        const mine = byUser.get(of.userId);
        mine?.delete(expire);
        if (mine?.size === 0) byUser.delete(of.userId);
      }
      wake?.();
    };
    stream.onAbort(close);
    c.req.raw.signal?.addEventListener("abort", close);
    const clock = () => c.get("deps").now().getTime();
    const expiry = of.maxMs === undefined ? undefined : clock() + of.maxMs;
    try {
      await stream.writeSSE({ event: "hello", data: "", retry: RETRY_MS });
      while (!closed) {
        if (expired || (expiry !== undefined && clock() >= expiry)) {
          await stream.writeSSE({ event: "expired", data: "" });
          break;
        }
        const beat = changed;
        changed = false;
        const view = await loadPlan(store, planId);
        if (!view || of.ended?.(view)) {
          await stream.writeSSE({ event: "ended", data: "" });
          break;
        }
        if (beat && view.rev > sent) {
          await stream.writeSSE({ event: "plan", id: String(view.rev), data: of.render(view) });
          sent = view.rev;
        }
        if (changed || expired) continue;
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, expiry === undefined ? HEARTBEAT_MS : Math.max(0, Math.min(HEARTBEAT_MS, expiry - clock())));
        });
        clearTimeout(timer);
        wake = null;
        if (!changed && !closed && (expiry === undefined || clock() < expiry)) await stream.write(": still here\n\n");
      }
    } catch {
      // The browser went away mid-write: nothing to tell it.
    } finally {
      close();
    }
  });
}
