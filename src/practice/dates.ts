/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so no time zone moves a day. */
import { msgText } from "../i18n/translator.ts";

const DAY_MS = 86_400_000;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

/**
 * The dates a person may type: 1900-01-01 to 2200-12-31. Year 0000 or 9999 is a slip of the
 * keyboard, not a plan, and exports that need a real calendar year (FHIR's date) break on it.
 */
export const FIRST_DATE = "1900-01-01";
export const LAST_DATE = "2200-12-31";
/** A form's refusal, in the reader's language (a msgText: forms print it through t). */
export const DATE_RANGE_MESSAGE = msgText("form.dateRange");

/** For YYYY-MM-DD strings, comparing as text is comparing as dates. */
export function inDateRange(s: string): boolean {
  return s >= FIRST_DATE && s <= LAST_DATE;
}

/** Whole days from a to b (negative if b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
