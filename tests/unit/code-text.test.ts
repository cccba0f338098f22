/**
 * Issue 22: fixed text that code hands to a person (an error page's message, a refusal, a zod
 * message shown beside a field) comes from the catalogs too, like the views' (views-text.test.ts).
 * This finds English sentences written straight into the places such text is given: errorResponse,
 * HTTPException and `message:` options. Logs, CLI output and thrown programming errors are not
 * read by staff or clients in the app, so they are not looked at.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.ts";

const PLACES = [
  /errorResponse\([^,]+,\s*\d+\s*,\s*(["'`])([^"'`]*\p{L}{2,}\s+\p{L}[^"'`]*)\1/gu,
  /new HTTPException\(\s*\d+\s*,\s*\{\s*message:\s*(["'`])([^"'`]*\p{L}{2,}\s+\p{L}[^"'`]*)\1/gu,
  /\bmessage:\s*(["'`])([A-Z][^"'`]*\s+\p{L}[^"'`]*)\1/gu,
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

function englishGivenToPeople(source: string): string[] {
  return PLACES.flatMap((re) => [...source.matchAll(re)].map((m) => m[2]));
}

describe("code gives people no fixed English text", () => {
  it("finds a sentence in errorResponse, HTTPException and a message option, not a catalog key", () => {
    expect(englishGivenToPeople(`errorResponse(c, 404, "There is no page here.")`)).toEqual(["There is no page here."]);
    expect(englishGivenToPeople(`z.string({ message: "Please write your answer." })`)).toEqual(["Please write your answer."]);
    expect(englishGivenToPeople(`errorResponse(c, 404, msg("error.noSuchPage")); z.string({ message: msgText("phone.error.empty") })`)).toEqual([]);
  });
  for (const file of [...tsFiles(join(ROOT, "src")), ...tsFiles(join(ROOT, "machines"))]) {
    it(relative(ROOT, file), () => {
      expect(englishGivenToPeople(readFileSync(file, "utf8"))).toEqual([]);
    });
  }
});
