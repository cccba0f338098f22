/** The lint behind tests/unit/views-text.test.ts: the words a template shows that no catalog gave it. */

/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = /\s(aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|placeholder|alt|label)\s*=\s*("([^"]*)"|'([^']*)')/gi;
/** The brand is a name, the same in every language. */
const NAMES = /\bCoplan\b/g;

const hasWords = (s: string) => /\p{L}/u.test(s.replace(NAMES, "").replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ""));

/**
 * A string literal inside eta code that reads as words (a label, hint or message handed to a
 * partial): two words or more, not a list of class names or codes.
 */
const CODE_WORDS = /(["'`])((?:(?!\1)[^\\]|\\.)*?)\1/g;
const looksLikeWords = (literal: string) =>
  /\p{L}{2,}[\s\u00a0]+\p{L}+/u.test(literal.replace(/\$\{[^}]*\}/g, "")) && !/^[a-z0-9_:.#-]+(?:\s+[a-z0-9_:.#-]+)*$/.test(literal.trim()) && !/^[\w-]+\[|^[.#]|^npm /.test(literal.trim());

export function untranslatedText(template: string): string[] {
  const found: string[] = [];
  for (const tag of template.match(/<%[\s\S]*?%>/g) ?? []) {
    if (/^<%\s*\/\*/.test(tag)) continue; // a comment
    for (const m of tag.matchAll(CODE_WORDS)) if (looksLikeWords(m[2])) found.push(m[2].trim());
  }
  // Eta tags become a neutral mark: what they print comes from code (and so from a catalog or the user).
  let html = template.replace(/<%[\s\S]*?%>/g, "\u0001");
  html = html.replace(/<!doctype[^>]*>/gi, "").replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<style\b[\s\S]*?<\/style>/gi, "").replace(/<!--[\s\S]*?-->/g, "");
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const m of tag.matchAll(READ_ATTRIBUTES)) {
      const value = m[3] ?? m[4] ?? "";
      if (hasWords(value)) found.push(value.replace(/\u0001/g, "…").trim());
    }
    // A button's or submit input's value is its label.
    if (/^<input\b/i.test(tag) && /\stype\s*=\s*["']?(submit|button|reset)/i.test(tag)) {
      const value = tag.match(/\svalue\s*=\s*("([^"]*)"|'([^']*)')/i);
      if (value && hasWords(value[2] ?? value[3] ?? "")) found.push((value[2] ?? value[3] ?? "").trim());
    }
  }
  const text = html.replace(/<\/?[a-z][^>]*>/gi, "\n");
  for (const piece of text.split(/[\n\u0001]+/)) {
    if (hasWords(piece)) found.push(piece.trim());
  }
  return found;
}
