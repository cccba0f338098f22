/**
 * What the audit page asks of the log: the filters (person, plan or account, action, dates) parsed
 * with zod from the query, and one page of matching entries, newest first, gathered while the log
 * streams past (scan.ts) in bounded memory: at most two pages' entries are held at once.
 *
 * Pages are found by position in the log, not by number: "older" shows the matching entries
 * before a seq, "newer" those after one. A page number would mean counting from the newest end,
 * which a log read from its start only knows at the end.
 */
import { z } from "zod";
import { msgText } from "../i18n/translator.ts";
import { AUDIT_ACTIONS, type StoredEntry } from "./chain.ts";

export const PAGE_SIZE = 100;

/** Messages travel in zod's strings (msgText); the page says them in its reader's language. */
const DATE_MESSAGE = msgText("audit.error.date");
const NO_PAGE = msgText("audit.error.noPage");
const RECORD = msgText("audit.error.record");
const PERSON = msgText("audit.error.person");

/** A calendar date that exists, in a range a log can hold (a year 0000 or 9999 is a typing slip). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "1900-01-01" && s <= "2200-12-31";
  }, DATE_MESSAGE);

const Seq = z.coerce
  .number({ message: NO_PAGE })
  .int(NO_PAGE)
  .min(1, NO_PAGE)
  .max(Number.MAX_SAFE_INTEGER, NO_PAGE);

export const AuditQuery = z
  .object({
    actor: z.string().max(64, PERSON).regex(/^[A-Za-z0-9_.:-]+$/, PERSON).optional(),
    action: z.enum(AUDIT_ACTIONS, { message: msgText("audit.error.action") }).optional(),
    record: z.string().max(64, RECORD).regex(/^[A-Za-z0-9_-]+$/, RECORD).optional(),
    from: Day.optional(),
    to: Day.optional(),
    before: Seq.optional(),
    after: Seq.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: msgText("audit.error.order") });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const QUERY_FIELDS = ["actor", "action", "record", "from", "to", "before", "after"] as const;

export type ParsedQuery =
  | { ok: true; query: AuditQuery; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Parses the page's query; `values` are what was typed (cut short for showing back), whatever happens. */
export function parseAuditQuery(raw: Record<string, string | undefined>): ParsedQuery {
  const values: Record<string, string> = {};
  for (const k of QUERY_FIELDS) {
    const v = raw[k]?.trim();
    if (v) values[k] = v;
  }
  const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, 200)]));
  const parsed = AuditQuery.safeParse(values);
  if (parsed.success) return { ok: true, query: parsed.data, values: shown };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors, values: shown };
}

export function matches(e: StoredEntry, q: AuditQuery): boolean {
  if (q.actor && e.actor !== q.actor) return false;
  if (q.action && e.action !== q.action) return false;
  if (q.record && e.record !== q.record) return false;
  const day = e.at.slice(0, 10);
  if (q.from && day < q.from) return false;
  if (q.to && day > q.to) return false;
  return true;
}

export interface AuditPage {
  /** Newest first. */
  entries: StoredEntry[];
  /** Matching entries in the whole log. */
  total: number;
  /** The place of the first entry shown among the matching ones, counted from the newest (1 = the newest). */
  position: number;
  hasNewer: boolean;
  hasOlder: boolean;
}

/** Gathers one page of matching entries from the log as it streams past, oldest first. */
export class PageCollector {
  private kept: StoredEntry[] = [];
  private total = 0;
  private newer = 0;
  private older = 0;

  constructor(
    private readonly q: AuditQuery,
    private readonly size = PAGE_SIZE,
  ) {}

  readonly visit = (e: StoredEntry): void => {
    if (!matches(e, this.q)) return;
    this.total++;
    if (this.q.after !== undefined) {
      // The first `size` matching entries after the seq; the rest only counted.
      if (e.seq <= this.q.after) this.older++;
      else if (this.kept.length < this.size) this.kept.push(e);
      else this.newer++;
      return;
    }
    // The last `size` matching entries before the seq (or of the log): older ones pushed out.
    if (this.q.before !== undefined && e.seq >= this.q.before) {
      this.newer++;
      return;
    }
    this.kept.push(e);
    if (this.kept.length >= 2 * this.size) {
      this.older += this.kept.length - this.size;
      this.kept = this.kept.slice(-this.size);
    }
  };

  result(): AuditPage {
    let kept = this.kept;
    let older = this.older;
    if (this.q.after === undefined && kept.length > this.size) {
      older += kept.length - this.size;
      kept = kept.slice(-this.size);
    }
    return { entries: [...kept].reverse(), total: this.total, position: this.newer + 1, hasNewer: this.newer > 0, hasOlder: older > 0 };
  }
}
