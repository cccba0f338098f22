/**
 * The companion link: the client's own phone follows one plan's conversation and answers in their
 * words. The token is the plan id (so checking it reads one plan) followed by 192 random bits;
 * only its SHA-256 is stored, beside the plan. A link lives two hours at most, and ends sooner when
 * the case manager ends it, signs out, or the plan is signed.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../signing/canonical.ts";
import type { StoredPlan } from "../store/plan-store.ts";

export type CompanionLink = StoredPlan["companionLinks"][number];

export const COMPANION_HOURS = 2;
const PLAN_ID_LENGTH = 16;
export const COMPANION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{16}[A-Za-z0-9_-]{32}$/;

export function newCompanionLink(planId: string, by: string, now: Date): { token: string; link: CompanionLink } {
  const token = planId + randomBytes(24).toString("base64url");
  const link: CompanionLink = {
    id: randomBytes(6).toString("hex"),
    tokenHash: sha256Hex(token),
    by,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + COMPANION_HOURS * 3_600_000).toISOString(),
  };
  return { token, link };
}

/** The plan a token names, or null when it cannot be a token at all. */
export function planIdOf(token: string): string | null {
  return COMPANION_TOKEN_SHAPE.test(token) ? token.slice(0, PLAN_ID_LENGTH) : null;
}

export type CompanionCheck = { ok: true; link: CompanionLink } | { ok: false; why: "unknown" | "ended" };

/** A link still works while it is not ended, not past its two hours, and its plan is not signed. */
export function isLive(link: CompanionLink, signed: boolean, now: Date): boolean {
  return !link.endedAt && link.expiresAt > now.toISOString() && !signed;
}

export function checkCompanion(links: CompanionLink[], token: string, signed: boolean, now: Date): CompanionCheck {
  if (!planIdOf(token)) return { ok: false, why: "unknown" };
  const hash = Buffer.from(sha256Hex(token), "hex");
  const link = links.find((l) => {
    const stored = Buffer.from(l.tokenHash, "hex");
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  if (!link) return { ok: false, why: "unknown" };
  return isLive(link, signed, now) ? { ok: true, link } : { ok: false, why: "ended" };
}

/** The links, with every live one ended now (all of them, or only those made by `by`). */
export function endLinks(links: CompanionLink[], at: string, by?: string): CompanionLink[] {
  return links.map((l) => (!l.endedAt && (by === undefined || l.by === by) ? { ...l, endedAt: at } : l));
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** A moment as the clock reads where the agency works ("14:30"): what the case manager sees on the wall. */
export function clockIn(isoInstant: string, timeZone: string): string {
  let f = clocks.get(timeZone);
  if (!f) clocks.set(timeZone, (f = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })));
  return f.format(new Date(isoInstant));
}

/** When the plan's live phone link ends, on the agency's clock; undefined when none is live. */
export function liveUntil(links: CompanionLink[], signed: boolean, now: Date, timeZone: string): string | undefined {
  const live = links.filter((l) => isLive(l, signed, now));
  return live.length ? clockIn(live[live.length - 1].expiresAt, timeZone) : undefined;
}
