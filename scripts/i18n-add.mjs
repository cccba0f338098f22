#!/usr/bin/env node
/**
 * `npm run i18n:add -- messages.json [more.json …]`: adds messages to every catalog at once, so no
 * language is left behind. Each file maps a key to its text in each language:
 *   { "review.whatYouAgreed": { "en": "What you agreed", "es": "…", "ar": "…", "zh-Hans": "…" } }
 * A key mapped to null is removed from every catalog. Existing keys are overwritten. The catalogs
 * stay sorted by key, so a change shows as a small diff. The npm script holds a lock
 * (locales/.lock) while it runs, so two people adding messages at once never lose each other's.
 */
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@formatjs/icu-messageformat-parser";

const dir = fileURLToPath(new URL("../locales", import.meta.url));
const tags = readdirSync(dir).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
const catalogs = Object.fromEntries(tags.map((tag) => [tag, JSON.parse(readFileSync(join(dir, `${tag}.json`), "utf8"))]));

let added = 0;
let removed = 0;
for (const file of process.argv.slice(2)) {
  const entries = JSON.parse(readFileSync(file, "utf8"));
  for (const [key, texts] of Object.entries(entries)) {
    if (texts === null) {
      for (const tag of tags) delete catalogs[tag][key];
      removed++;
      continue;
    }
    const missing = tags.filter((tag) => typeof texts[tag] !== "string");
    if (missing.length) {
      console.error(`${file}: "${key}" has no text for ${missing.join(", ")}. Nothing was written.`);
      process.exit(1);
    }
    // Checked before anything is written: a broken message would stop every page and test that loads the catalogs.
    for (const tag of tags) {
      try {
        parse(texts[tag]);
      } catch (err) {
        console.error(`${file}: "${key}" in ${tag} is not valid ICU MessageFormat (${err.message}). Nothing was written.`);
        process.exit(1);
      }
    }
    for (const tag of tags) catalogs[tag][key] = texts[tag];
    added++;
  }
}
for (const tag of tags) {
  const sorted = Object.fromEntries(Object.entries(catalogs[tag]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file = join(dir, `${tag}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
console.log(`${added} message(s) written and ${removed} removed, in ${tags.join(", ")}.`);
