/**
 * axe-core run inside the page against WCAG 2.0 and 2.1, levels A and AA, with its findings turned
 * into lines a person can act on (rule, impact, help, the elements and why each failed).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: string | undefined;

/**
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, rather
 * than added as an inline script tag (which script-src 'self' rightly refuses): so the pages axe
 * checks run under the real CSP, and a refusal there fails the test.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(axePath, "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  - ${v.id} (${v.impact ?? "?"}): ${v.help}`, `    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`      at ${n.target.join(" ")}`, `         ${n.html.slice(0, 160)}`);
      for (const why of (n.failureSummary ?? "").split("\n").filter(Boolean)) lines.push(`         ${why.trim()}`);
    }
    if (v.nodes.length > 5) lines.push(`      … and ${v.nodes.length - 5} more`);
  }
  return lines.join("\n");
}
