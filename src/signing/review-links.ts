/**
 * The client's private review link. The token is 128 random bits (more, in fact: 24 bytes), shown
 * once and stored only as a SHA-256 hash; a link expires and can be revoked. The link carries the
 * plan id beside the token, so checking it reads one plan and compares one hash.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "./canonical.ts";
import type { StoredPlan } from "../store/plan-store.ts";

export type ReviewLink = StoredPlan["reviewLinks"][number];

export function newReviewLink(now: Date, days: number): { token: string; link: ReviewLink } {
  const token = randomBytes(24).toString("base64url");
  const link: ReviewLink = {
    id: randomBytes(6).toString("hex"),
    tokenHash: sha256Hex(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
  return { token, link };
}

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export type LinkCheck = { ok: true; link: ReviewLink } | { ok: false; why: "unknown" | "expired" | "revoked" };

export function checkToken(links: ReviewLink[], token: string, now: Date): LinkCheck {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, why: "unknown" };
  const hash = Buffer.from(sha256Hex(token), "hex");
  const link = links.find((l) => {
    const stored = Buffer.from(l.tokenHash, "hex");
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  if (!link) return { ok: false, why: "unknown" };
  if (link.revokedAt) return { ok: false, why: "revoked" };
  if (link.expiresAt <= now.toISOString()) return { ok: false, why: "expired" };
  return { ok: true, link };
}
