/**
 * Which of Coplan's languages to speak, from what a person or browser asked for. Pure: the
 * middleware (http/language.ts) gathers the candidates in order of precedence.
 *
 * A requested tag matches a catalog when its language and script agree once both are filled out
 * (`Intl.Locale#maximize`): `es-MX` and `es-419` find `es`, `zh`, `zh-CN` and `zh-SG` find
 * `zh-Hans`, but `zh-TW` (Traditional script) does not: its reader asked for something else.
 */
const expanded = new Map<string, string>();

/** "language-Script" of a tag once filled out, or undefined for a malformed tag. Kept: maximize is slow-ish. */
function languageAndScript(tag: string): string | undefined {
  let key = expanded.get(tag);
  if (key === undefined) {
    try {
      const full = new Intl.Locale(tag).maximize();
      key = `${full.language}-${full.script ?? ""}`;
    } catch {
      key = "";
    }
    if (expanded.size < 1000) expanded.set(tag, key);
  }
  return key || undefined;
}

/** The supported tag a requested tag asks for, if any. */
export function matchTag(requested: string, supported: readonly string[]): string | undefined {
  const exact = supported.find((s) => s.toLowerCase() === requested.toLowerCase());
  if (exact) return exact;
  const wanted = languageAndScript(requested);
  if (!wanted) return undefined;
  return supported.find((s) => languageAndScript(s) === wanted);
}

/** The tags of an Accept-Language header, most wanted first (q=0 means "not this"). At most 20 are read. */
export function acceptedTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 500)
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((t) => t.tag);
}

/** The first candidate that names a supported language, else the first of the Accept-Language header's, else `fallback`. */
export function negotiate(candidates: readonly (string | undefined | null)[], acceptLanguage: string | undefined, supported: readonly string[], fallback: string): string {
  for (const candidate of [...candidates, ...acceptedTags(acceptLanguage)]) {
    if (!candidate) continue;
    const match = matchTag(candidate, supported);
    if (match) return match;
  }
  return fallback;
}
