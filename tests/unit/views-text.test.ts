/**
 * Every text a view shows comes from the catalogs (issue 22): a lint over views/. What is left of
 * a template once its eta tags, scripts, styles and comments are taken out may hold markup,
 * punctuation, symbols and digits, but no words: neither between tags nor in an attribute a
 * person reads or hears (aria-label, title, placeholder, alt, a button's value). One test per
 * view, so a failure names the file and the words.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { VIEWS_DIR } from "../../src/paths.ts";
import { untranslatedText } from "../support/views-text.ts";

function etaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? etaFiles(join(dir, e.name)) : e.name.endsWith(".eta") ? [join(dir, e.name)] : []));
}

describe("views show no text that is not from a catalog", () => {
  it("the lint finds words in text, in read attributes, and not in markup or eta code", () => {
    expect(untranslatedText('<p>Sign in</p>')).toEqual(["Sign in"]);
    expect(untranslatedText('<button aria-label="Close">×</button>')).toEqual(["Close"]);
    expect(untranslatedText('<input type="submit" value="Send">')).toEqual(["Send"]);
    expect(untranslatedText('<img alt="Logo" src="x">')).toEqual(["Logo"]);
    expect(untranslatedText('<p><%= it.t("a.b") %> · <%= it.x %></p>')).toEqual([]);
    expect(untranslatedText('<div class="notice notice-error" role="alert" data-x="words here"><%~ it.body %></div>')).toEqual([]);
    expect(untranslatedText('<script>const words = 1;</script><!-- a comment --><%/* eta comment */%>')).toEqual([]);
    expect(untranslatedText('<p>¡<%= it.t("x") %>! 12 – 3</p>')).toEqual([]);
    // Words handed to a partial from eta code are text too; class lists and codes are not.
    expect(untranslatedText('<%~ include("./fields/text", { name: "clientName", label: "Client\'s name or initials" }) %>')).toEqual(["Client\'s name or initials"]);
    expect(untranslatedText("<% const x = ok ? 'notice notice-error' : 'status status-ready'; %><%= it.t(`step.${s}`) %>")).toEqual([]);
  });

  for (const file of etaFiles(VIEWS_DIR)) {
    it(relative(VIEWS_DIR, file), () => {
      expect(untranslatedText(readFileSync(file, "utf8"))).toEqual([]);
    });
  }
});
