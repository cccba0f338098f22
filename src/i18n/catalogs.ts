/**
 * The message catalogs: one JSON file per language in locales/ (locales/README.md). Adding a
 * language means adding one file; its own name and writing direction are two of its messages
 * (`language.name`, `language.dir`), so nothing else needs to know about it.
 *
 * Messages are ICU MessageFormat, keyed by meaning (`review.whatYouAgreed`), never by English text.
 * Every file is read and every message parsed once, at start: a broken catalog stops start-up with
 * its file and key named, instead of failing on some page later.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@formatjs/icu-messageformat-parser";
import { z } from "zod";
import { ROOT } from "../paths.ts";

export const LOCALES_DIR = join(ROOT, "locales");
export const SOURCE_LANGUAGE = "en";

export type Direction = "ltr" | "rtl";
export interface Catalog {
  /** A BCP 47 tag, the file's name: `en`, `es`, `ar`, `zh-Hans`. */
  tag: string;
  /** The language's name in itself (English, Español, العربية, 中文), for the switcher. */
  name: string;
  dir: Direction;
  /**
   * The locale dates, numbers and lists are written in (`language.formatLocale`, else the tag):
   * English is written day month year ("15 December 2026"), as Coplan always has.
   */
  formatLocale: string;
  messages: Readonly<Record<string, string>>;
}

const CatalogFile = z.record(z.string(), z.string());

export function readCatalog(file: string, tag: string): Catalog {
  const messages = CatalogFile.parse(JSON.parse(readFileSync(file, "utf8")));
  for (const [key, message] of Object.entries(messages)) {
    try {
      parse(message);
    } catch (err) {
      throw new Error(`${file}: the message "${key}" is not valid ICU MessageFormat (${(err as Error).message}).`);
    }
  }
  const dir = messages["language.dir"];
  if (dir !== "ltr" && dir !== "rtl") throw new Error(`${file}: "language.dir" must be "ltr" or "rtl".`);
  if (!messages["language.name"]) throw new Error(`${file}: "language.name" (the language's name in itself) is missing.`);
  const formatLocale = messages["language.formatLocale"] || tag;
  try {
    new Intl.Locale(formatLocale);
  } catch {
    throw new Error(`${file}: "language.formatLocale" is not a locale: ${formatLocale}.`);
  }
  return { tag, name: messages["language.name"], dir, formatLocale, messages: Object.freeze(messages) };
}

/** Every catalog in `dir`, English first, then by tag. */
export function readCatalogs(dir = LOCALES_DIR): Catalog[] {
  const catalogs = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => readCatalog(join(dir, name), name.slice(0, -".json".length)));
  if (!catalogs.some((c) => c.tag === SOURCE_LANGUAGE)) throw new Error(`${dir}: the English catalog (en.json) is missing.`);
  return catalogs.sort((a, b) => (a.tag === SOURCE_LANGUAGE ? -1 : b.tag === SOURCE_LANGUAGE ? 1 : a.tag.localeCompare(b.tag)));
}

let loaded: Catalog[] | undefined;
/** The installation's catalogs, read once. */
export function catalogs(): Catalog[] {
  return (loaded ??= readCatalogs());
}

export function catalogFor(tag: string): Catalog | undefined {
  return catalogs().find((c) => c.tag === tag);
}

export function languageTags(): string[] {
  return catalogs().map((c) => c.tag);
}
