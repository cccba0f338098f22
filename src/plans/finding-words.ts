/**
 * A practice finding's message in the reader's language. The checks are pure and know no
 * language, so their messages carry values that need the reader's to become words:
 * - a msgText value (a label such as a barrier category, a sentence chosen by the check) is
 *   translated;
 * - a value whose name ends in `Day` is a calendar date (YYYY-MM-DD), written out with Intl;
 * - a value whose name ends in `List` holds items (see listValue in src/practice/findings.ts),
 *   joined as the language joins a list ("a, b and c", "a、b和c").
 * Everything else (the client's own words among them) is shown exactly as it is.
 */
import { type Msg, type Translator, isMsgText } from "../i18n/translator.ts";
import { LIST_SEPARATOR } from "../practice/findings.ts";

export function findingWords(i18n: Translator, m: Msg): string {
  if (!m.values) return i18n.t(m.key);
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(m.values)) values[name] = typeof value === "string" ? words(i18n, name, value) : value;
  return i18n.t(m.key, values);
}

function words(i18n: Translator, name: string, value: string): string {
  if (name.endsWith("List")) return i18n.list(value.split(LIST_SEPARATOR).filter(Boolean).map((item) => one(i18n, item)));
  if (name.endsWith("Day")) return i18n.day(value);
  return one(i18n, value);
}

const one = (i18n: Translator, value: string): string => (isMsgText(value) ? i18n.t(value) : value);
