/**
 * The catalogs (issue 22): every language has every message English has, with the same
 * placeholders, and every message key the code names exists. A translation that drops `{name}` or
 * misspells it would otherwise throw, or show a blank, only on the page that uses it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type MessageFormatElement, TYPE, parse } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogs } from "../../src/i18n/catalogs.ts";
import { ROOT } from "../../src/paths.ts";

const english = catalogs()[0];

/** The placeholder names a message uses, plural and select arguments included, nested ones too. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if ("value" in e && e.type !== TYPE.literal) names.add(String(e.value));
      if ("options" in e) for (const option of Object.values(e.options)) walk(option.value);
      if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

function sourceFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("catalogs", () => {
  it("English is first and names itself; there are at least en, es, ar and zh-Hans", () => {
    expect(english.tag).toBe("en");
    expect(catalogs().map((c) => c.tag)).toEqual(expect.arrayContaining(["en", "es", "ar", "zh-Hans"]));
    expect(catalogs().find((c) => c.tag === "ar")?.dir).toBe("rtl");
  });

  for (const catalog of catalogs().slice(1)) {
    it(`${catalog.tag} has every key English has`, () => {
      const missing = Object.keys(english.messages).filter((k) => !(k in catalog.messages));
      expect(missing).toEqual([]);
    });
    it(`${catalog.tag} has no key English lacks`, () => {
      expect(Object.keys(catalog.messages).filter((k) => !(k in english.messages))).toEqual([]);
    });
    it(`${catalog.tag} uses the same placeholders as English in every message`, () => {
      const differ = Object.keys(english.messages)
        .filter((k) => k in catalog.messages)
        .filter((k) => argumentsOf(english.messages[k]).join() !== argumentsOf(catalog.messages[k]).join())
        .map((k) => `${k}: en {${argumentsOf(english.messages[k])}} vs {${argumentsOf(catalog.messages[k])}}`);
      expect(differ).toEqual([]);
    });
  }

  it("every key the views and code name literally exists in English", () => {
    const files = [...sourceFiles(join(ROOT, "views"), /\.eta$/), ...sourceFiles(join(ROOT, "src"), /\.ts$/), ...sourceFiles(join(ROOT, "machines"), /\.ts$/)];
    const unknown: string[] = [];
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(?:t|msg)\(\s*["']([a-z][\w-]*(?:\.[\w-]+)+)["']/g)) {
        seen++;
        if (!(m[1] in english.messages)) unknown.push(`${file.slice(ROOT.length)}: ${m[1]}`);
      }
    }
    expect(seen, "the scan finds the keys the layout names").toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });
});
