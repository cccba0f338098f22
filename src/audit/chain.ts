/**
 * The audit log's hash chain, as pure logic: each entry carries the SHA-256 of the one before it,
 * so an edited, removed or reordered entry breaks the chain. A `ChainChecker` takes the log one
 * line at a time, so the file can be checked as a stream in bounded memory; `verifyChain` checks
 * lines already in hand. Whether the chain's end is the one the installation signed is head.ts's.
 */
import { z } from "zod";
import { canonicalJson, sha256Hex } from "../signing/canonical.ts";

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in-failed",
  "sign-in-throttled",
  "sign-out",
  "set-up-admin",
  "user-added",
  "user-disabled",
  "user-enabled",
  "password-reset-issued",
  "password-reset-used",
  "password-reset-refused",
  "account-language-set",
  "plan-list",
  "plan-created",
  "plan-viewed",
  "plan-changed",
  "plan-consent",
  "plan-signed",
  "plan-exported",
  "plan-reassigned",
  "plan-commented",
  "review-link-created",
  "review-link-revoked",
  "review-link-used",
  "review-link-refused",
  "companion-link-created",
  "companion-link-ended",
  "companion-opened",
  "companion-answer",
  "companion-refused",
  "access-refused",
  "audit-viewed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actor: string; // a user id, "anonymous", or "client-link"
  action: AuditAction;
  record?: string; // a plan id or user id
  detail?: string; // a step name, an event type, a route: never free text from a user
  ip: string;
  outcome?: "ok" | "refused";
  /** How many times this happened, where repeats are folded into one entry (fold.ts); absent means once. */
  count?: number;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prev: string;
  hash: string;
}

/** An entry as read back from the file, for showing it: a line that is not one is left out of pages (the chain reports it). */
export const StoredEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  record: z.string().optional(),
  detail: z.string().optional(),
  ip: z.string(),
  outcome: z.string().optional(),
  count: z.number().int().optional(),
  prev: z.string(),
  hash: z.string(),
});
export type StoredEntry = z.infer<typeof StoredEntry>;

export const GENESIS = "0".repeat(64);

/** The hash of an entry as read back: the canonical JSON of every member it has, whatever they are. */
export function entryHash(entry: Omit<AuditEntry, "hash">): string {
  return sha256Hex(isPlainEntry(entry) ? newEntryCanonical(entry) : canonicalJson(entry));
}

const TEXT_MEMBERS = new Set(["action", "actor", "at", "detail", "ip", "outcome", "prev", "record"]);

/**
 * Whether an entry read back has only the members this log writes, each a string or (seq, count)
 * a finite number: then newEntryCanonical gives the same bytes as canonicalJson at a quarter of
 * the cost, which is most of checking a long log. Anything else takes the generic walk.
 */
function isPlainEntry(entry: object): entry is Omit<AuditEntry, "hash"> {
  for (const [k, v] of Object.entries(entry)) {
    if (TEXT_MEMBERS.has(k) ? typeof v !== "string" : !((k === "seq" || k === "count") && Number.isFinite(v))) return false;
  }
  const e = entry as Record<string, unknown>;
  return e.action !== undefined && e.actor !== undefined && e.at !== undefined && e.ip !== undefined && e.prev !== undefined && e.seq !== undefined;
}

const str = JSON.stringify;

/**
 * The same bytes as canonicalJson() for an entry this log makes (members in code-point order,
 * absent ones left out), written out directly: every page view is recorded, and the generic walk
 * cost more than the hash. Reading back (ChainChecker) uses canonicalJson, so an entry with a
 * member added by hand still fails; tests/unit/audit-batch.test.ts checks the two agree.
 */
export function newEntryCanonical(e: Omit<AuditEntry, "hash">): string {
  return (
    `{"action":${str(e.action)},"actor":${str(e.actor)},"at":${str(e.at)}` +
    (e.count !== undefined ? `,"count":${str(e.count)}` : "") +
    (e.detail !== undefined ? `,"detail":${str(e.detail)}` : "") +
    `,"ip":${str(e.ip)}` +
    (e.outcome !== undefined ? `,"outcome":${str(e.outcome)}` : "") +
    `,"prev":${str(e.prev)}` +
    (e.record !== undefined ? `,"record":${str(e.record)}` : "") +
    `,"seq":${str(e.seq)}}`
  );
}

/** `why` in English words (the command-line tools), `code` for a page to say it in its reader's language (audit.chain.<code>). */
export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; why: string; code: ChainBreak };
export type ChainBreak = "unreadable" | "missing" | "beforeChanged" | "changed";

/**
 * Checks the chain one line at a time. After the first break it only counts lines: one break is
 * enough to say the log cannot be trusted from there on.
 */
export class ChainChecker {
  private prev = GENESIS;
  private seq = 0;
  private lines = 0;
  private broken: { brokenAt: number; why: string; code: ChainBreak } | null = null;

  /** Takes the next line; returns the entry it holds if the chain still holds with it. */
  add(line: string): { seq: number; hash: string } | null {
    return this.addParsed(parseLine(line));
  }

  /** Takes the next line already parsed (undefined: it could not be), for a reader that needs the entry too. */
  addParsed(value: unknown): { seq: number; hash: string } | null {
    this.lines++;
    if (this.broken) return null;
    const at = this.lines;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return this.fail(at, "an entry cannot be read", "unreadable");
    const entry = value as AuditEntry;
    const { hash, ...rest } = entry;
    if (entry.seq !== this.seq + 1) return this.fail(at, "an entry is missing or out of order", "missing");
    if (entry.prev !== this.prev) return this.fail(at, "an entry before this one was changed or removed", "beforeChanged");
    if (entryHash(rest) !== hash) return this.fail(at, "this entry was changed", "changed");
    this.prev = hash;
    this.seq = entry.seq;
    return { seq: entry.seq, hash };
  }

  private fail(brokenAt: number, why: string, code: ChainBreak): null {
    this.broken = { brokenAt, why, code };
    return null;
  }

  /** The last entry that chained, or the genesis state. */
  get last(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.prev };
  }

  result(): ChainCheck {
    return this.broken ? { ok: false, count: this.lines, ...this.broken } : { ok: true, count: this.lines };
  }
}

/** A line's JSON, or undefined if it is not JSON. */
export function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export function verifyChain(lines: string[]): ChainCheck {
  const checker = new ChainChecker();
  for (const line of lines) checker.add(line);
  return checker.result();
}

/** The entry that `input` becomes after the chain's end `last` (seq 0 and GENESIS for a new log), made at `at`. */
export function chainEntry(input: AuditInput, last: { seq: number; prev: string }, at: Date): AuditEntry {
  const body: Omit<AuditEntry, "hash"> = {
    seq: last.seq + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    ...(input.record ? { record: input.record } : {}),
    ...(input.detail ? { detail: input.detail } : {}),
    ...(input.count !== undefined && input.count !== 1 ? { count: input.count } : {}),
    ip: input.ip,
    outcome: input.outcome ?? "ok",
    prev: last.prev,
  };
  return { ...body, hash: sha256Hex(newEntryCanonical(body)) };
}
