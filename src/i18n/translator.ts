/**
 * A translator: one language's messages, dates, numbers and lists, in the agency's time zone.
 * Built on @formatjs/intl, which formats ICU MessageFormat (plurals, selects, placeholders) with
 * the runtime's own Intl; one is made per language and time zone and kept.
 *
 * A key missing from a language falls back to English's wording (a catalog test keeps every
 * catalog complete). A key missing from English is a programming error: it throws outside
 * production, so a test finds it; in production the key itself is shown, once logged.
 */
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { IntlMessageFormat } from "intl-messageformat";
import { type Catalog, type Direction, SOURCE_LANGUAGE, catalogFor, catalogs } from "./catalogs.ts";

/** A message to show later, in whatever language the reader has: what pure logic returns instead of text. */
export interface Msg {
  key: string;
  values?: Record<string, string | number | Date>;
}

export const msg = (key: string, values?: Msg["values"]): Msg => (values ? { key, values } : { key });

/**
 * A Msg where only a string fits (a zod message, an HTTPException's, an Error's): `t()` turns it
 * back into words in the reader's language. The mark cannot be typed into a form (controls.ts
 * strips control characters), so no user's words can pose as one.
 */
const MARK = "\u0001msg:";
export const msgText = (key: string, values?: Msg["values"]): string => MARK + JSON.stringify(msg(key, values));
export const isMsgText = (s: string): boolean => s.startsWith(MARK);
function fromMsgText(s: string): Msg | undefined {
  try {
    const m = JSON.parse(s.slice(MARK.length)) as Msg;
    return typeof m?.key === "string" ? m : undefined;
  } catch {
    return undefined;
  }
}

export interface Translator {
  /** The BCP 47 tag spoken (`en`, `es`, `ar`, `zh-Hans`). */
  readonly lang: string;
  readonly dir: Direction;
  /** The message `key` (or a Msg) with its placeholders filled in. */
  t(key: string | Msg, values?: Msg["values"]): string;
  /**
   * A message that may be a Msg (or one carried in a string), or words that came from elsewhere
   * (a database driver's, an older record's): the first is translated, the second shown as it is.
   * Never a way to show Coplan's own fixed wording untranslated.
   */
  say(message: string | Msg): string;
  /**
   * The message as HTML, each value (a person's or client's own words) escaped and isolated in a
   * <bdi>, so Arabic words inside an English sentence (or the reverse) keep their own direction
   * and cannot reorder the sentence around them. For `<%~ %>`: the whole result is already escaped.
   */
  tBdi(key: string, values: Record<string, string | number>): string;
  /** A calendar date (YYYY-MM-DD) in words: the same day in every time zone ("15 December 2026"). */
  day(isoDate: string): string;
  /** The day of a moment (an ISO timestamp) where the agency works, in words. */
  moment(isoInstant: string): string;
  /** Date and time of a moment where the agency works. */
  dateTime(isoInstant: string): string;
  number(value: number): string;
  /** "a, b and c" in the language's own way. */
  list(items: readonly string[], type?: "conjunction" | "disjunction"): string;
}

const cache = createIntlCache();
const made = new Map<string, Translator>();
/** Languages × time zones: both come from the installation, but the map is capped all the same. */
const MAX_TRANSLATORS = 100;
const reported = new Set<string>();

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => (/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]) : s);

/**
 * A tBdi sentence, escaped, cut where its values go: `text` around them, `slots` the index (among
 * the string values' names) of the value each place takes, so a call only escapes and joins.
 */
interface Frame {
  text: string[];
  slots: number[];
}

function frameOf(html: string): Frame {
  const text: string[] = [];
  const slots: number[] = [];
  let from = 0;
  for (const m of html.matchAll(/\uE000(\d+)\uE001/g)) {
    text.push(html.slice(from, m.index));
    slots.push(Number(m[1]));
    from = m.index + m[0].length;
  }
  text.push(html.slice(from));
  return { text, slots };
}

const DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" };

export function translator(tag: string, timeZone: string, production = process.env.NODE_ENV === "production"): Translator {
  const id = `${tag}\0${timeZone}\0${production}`;
  let t = made.get(id);
  if (!t) {
    t = build(catalogFor(tag) ?? catalogFor(SOURCE_LANGUAGE)!, timeZone, production);
    if (made.size >= MAX_TRANSLATORS) made.clear();
    made.set(id, t);
  }
  return t;
}

function build(catalog: Catalog, timeZone: string, production: boolean): Translator {
  const english = catalogs()[0].messages;
  const messages = { ...english, ...catalog.messages };
  const intl: IntlShape<string> = createIntl({ locale: catalog.formatLocale, defaultLocale: SOURCE_LANGUAGE, messages, timeZone, onError: () => {} }, cache);
  const utcDay = new Intl.DateTimeFormat(catalog.formatLocale, { ...DAY, timeZone: "UTC" });
  const zonedDay = new Intl.DateTimeFormat(catalog.formatLocale, { ...DAY, timeZone });
  const zonedDateTime = new Intl.DateTimeFormat(catalog.formatLocale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const valid = (d: Date) => !Number.isNaN(d.getTime());
  // intl.formatMessage merges its formats and serialises its arguments (to find its cached
  // formatter) on every call: with every label of a page through t(), that was a third of what an
  // answer allocated, and about a quarter of its CPU (issue 21's (a)). A message without values
  // says the same words every time in one translator (one language, one time zone), so it is
  // formatted once. Keys are the catalog's (checked above), so this holds a catalog at most.
  const said = new Map<string, string>();
  // A closure, not a method: templates call it detached (`it.t("…")`).
  const t = (key: string | Msg, values?: Msg["values"]): string => {
    if (typeof key !== "string") return t(key.key, key.values);
    if (values === undefined) {
      // Said before: the words are known, and only catalog keys are ever kept (see below).
      const known = said.get(key);
      if (known !== undefined) return known;
    }
    if (isMsgText(key)) {
      const m = fromMsgText(key);
      if (m) return t(m.key, m.values);
    }
    if (!Object.hasOwn(messages, key)) {
      if (!production) throw new Error(`No message "${key}" in locales/en.json.`);
      if (!reported.has(key) && reported.size < 1000) {
        reported.add(key);
        console.error(`No message "${key}" in locales/en.json: the key is shown instead.`);
      }
      return key;
    }
    if (values === undefined) {
      let words = said.get(key);
      if (words === undefined) said.set(key, (words = intl.formatMessage({ id: key }) as string));
      return words;
    }
    return withValues(key, wordsOf(values));
  };
  // formatMessage, for a message with values, also merges the time zone into the named date and
  // time formats, and finds its compiled message in a cache keyed by JSON of all that, on every
  // call: 40 % of what an answer adding a goal allocated. The same merge is made once here, and
  // each message compiled once (by formatjs's own cached constructor, with its formatters), so
  // the words are formatjs's own. A message that fails to format goes through formatMessage,
  // whose fallbacks and error reporting stay as they were.
  const zoned = (group: Record<string, Intl.DateTimeFormatOptions>) => Object.fromEntries(Object.entries(group).map(([name, options]) => [name, { timeZone, ...options }]));
  const defaults = IntlMessageFormat.formats;
  const formats = { ...defaults, date: zoned(defaults.date), time: zoned(defaults.time) };
  const compiled = new Map<string, IntlMessageFormat>();
  // The words of a message with values, kept per key and values while they are words and numbers
  // (a page says "Edit goal “Housing at risk”" again on every answer): formatting builds its parts
  // anew on every call, a tenth of what an answer allocated. Two generations, as in practice/memo.ts,
  // within a budget of characters, so a translator never holds more than a few hundred KB of them.
  let recent = new Map<string, string>();
  let older = new Map<string, string>();
  let held = 0;
  const FORMATTED_CHARS = 100_000;
  const withValues = (key: string, values: NonNullable<Msg["values"]>): string => {
    let id: string | undefined = key;
    for (const name in values) {
      const v = values[name];
      // Each value's length before it, so no words can pose as the end of one value and another.
      if (typeof v === "string") id += `\u0000${name}\u0001${v.length}:${v}`;
      else if (typeof v === "number") id += `\u0000${name}\u0002${v}`;
      else {
        id = undefined; // a date: formatted each time
        break;
      }
    }
    if (id === undefined) return formatNow(key, values);
    let words = recent.get(id);
    if (words !== undefined) return words;
    words = older.get(id) ?? formatNow(key, values);
    if (held >= FORMATTED_CHARS / 2) {
      older = recent;
      recent = new Map();
      held = 0;
    }
    recent.set(id, words);
    held += id.length + words.length;
    return words;
  };
  const formatNow = (key: string, values: NonNullable<Msg["values"]>): string => {
    let format = compiled.get(key);
    if (!format) compiled.set(key, (format = intl.formatters.getMessageFormat(messages[key], catalog.formatLocale, formats, { formatters: intl.formatters })));
    try {
      return format.format(values) as string;
    } catch {
      return intl.formatMessage({ id: key }, values) as string;
    }
  };
  // A value may itself be a Msg in a string (a field's name inside "Please fill in {field}."): said in the same language.
  // Most values are words or numbers as they are: then the same object goes on, and nothing is copied.
  const wordsOf = (values: NonNullable<Msg["values"]>) => {
    let copy: Record<string, string | number | Date> | undefined;
    for (const name of Object.keys(values)) {
      const v = values[name];
      if (typeof v === "string" && isMsgText(v)) (copy ??= { ...values })[name] = t(v);
    }
    return copy ?? values;
  };
  // tBdi's sentences with their stand-ins, by key and value names, for calls whose values are all
  // words: the sentence is then the same whatever the words (a page quotes every goal this way).
  // Keys and names come from the code, so this stays small; it is capped all the same.
  const framed = new Map<string, Frame>();
  const tBdi = (key: string, values: Record<string, string | number>): string => {
    // Each value stands in as a private-use mark while the message is formatted and escaped; then
    // the escaped value, isolated, takes its place (nothing put in is scanned again).
    // Numbers are counts for plurals and selects, not people's words: they go in as they are.
    const names = Object.keys(values).filter((n) => typeof values[n] === "string");
    const frameKey = names.length === Object.keys(values).length ? `${key}\0${names.join("\0")}` : undefined;
    let frame = frameKey === undefined ? undefined : framed.get(frameKey);
    if (frame === undefined) {
      const marks = { ...values, ...Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`])) };
      frame = frameOf(escapeHtml(t(key, marks)));
      if (frameKey !== undefined) {
        if (framed.size >= 1000) framed.clear();
        framed.set(frameKey, frame);
      }
    }
    let html = frame.text[0];
    for (let i = 0; i < frame.slots.length; i++) html += `<bdi>${escapeHtml(String(values[names[frame.slots[i]]]))}</bdi>${frame.text[i + 1]}`;
    return html;
  };
  const days = new Map<string, string>();
  const say = (message: string | Msg): string => (typeof message === "string" && !isMsgText(message) ? message : t(message));
  return Object.freeze({
    lang: catalog.tag,
    dir: catalog.dir,
    t,
    say,
    tBdi,
    // A page writes the same few days again and again (the plan's, the annual review's): each is
    // written once per translator; a day is a short string, and the memory is capped.
    day: (isoDate: string) => {
      let words = days.get(isoDate);
      if (words === undefined) {
        const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
        words = valid(d) ? utcDay.format(d) : isoDate;
        if (days.size >= 2000) days.clear();
        days.set(isoDate, words);
      }
      return words;
    },
    moment: (isoInstant: string) => {
      const d = new Date(isoInstant);
      return valid(d) ? zonedDay.format(d) : isoInstant;
    },
    dateTime: (isoInstant: string) => {
      const d = new Date(isoInstant);
      return valid(d) ? zonedDateTime.format(d) : isoInstant;
    },
    number: (value: number) => intl.formatNumber(value),
    list: (items: readonly string[], type: "conjunction" | "disjunction" = "conjunction") => intl.formatList(items, { type }) as string,
  });
}

/**
 * Words for a terminal or a data file (the command-line tools, an export's fields): a message,
 * or one carried in a string, in English; anything else as it is.
 */
export function inEnglish(message: string | Msg): string {
  return translator(SOURCE_LANGUAGE, "UTC", true).say(message);
}
