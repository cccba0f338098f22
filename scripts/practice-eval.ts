/**
 * Measures the practice coaching against the labelled cases in data/practice-eval.jsonl:
 *   npm run --silent practice:eval [-- FILE]
 * Prints precision and recall per rule family and overall, how often the suggested barrier
 * category agrees with the label, how many rewrites pass the sentence test, and every case the
 * checks get wrong. Exit status 1 when a target is missed (see TARGETS in src/practice/evaluation.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Report, evaluate, missedTargets, parseCases, precision, recall } from "../src/practice/evaluation.ts";

const file = process.argv[2] ?? fileURLToPath(new URL("../data/practice-eval.jsonl", import.meta.url));
const report: Report = evaluate(parseCases(readFileSync(file, "utf8")));

const pct = (x: number) => x.toFixed(3);
const lines: string[] = [`${report.cases} cases from ${file}`, "", "family            cases  precision  recall   tp  fp  fn"];
for (const [name, c] of Object.entries(report.families)) {
  lines.push(`${name.padEnd(18)}${String(c.cases).padStart(5)}  ${pct(precision(c)).padStart(9)}  ${pct(recall(c)).padStart(6)}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`);
}
const o = report.overall;
lines.push(`${"overall".padEnd(18)}${"".padStart(5)}  ${pct(precision(o)).padStart(9)}  ${pct(recall(o)).padStart(6)}  ${String(o.tp).padStart(3)} ${String(o.fp).padStart(3)} ${String(o.fn).padStart(3)}`);
const { agree, of } = report.categories;
lines.push("", `barrier category agreement: ${agree}/${of} = ${pct(of ? agree / of : 1)}`);
lines.push(`rewrites passing the sentence test: ${report.rewrites.good}/${report.rewrites.of}`);
lines.push("", report.wrong.length ? `cases got wrong (${report.wrong.length}):` : "cases got wrong: none");
for (const r of report.wrong) {
  const parts = [`expected [${r.expected.join(", ")}]`, `found [${r.found.join(", ")}]`];
  if (r.category && r.category.expected !== r.category.suggested) parts.push(`category ${r.category.expected} suggested ${r.category.suggested}`);
  for (const b of r.badRewrites) parts.push(`rewrite ${JSON.stringify(b.rewrite)} ${b.problems.join(", ")}`);
  if (r.missingRewrite) parts.push("no rewrite offered");
  lines.push(`  ${r.id} ${JSON.stringify(r.text)}: ${parts.join("; ")}`);
}
const missed = missedTargets(report);
lines.push("", missed.length ? `targets missed:\n${missed.map((m) => `  ${m}`).join("\n")}` : "all targets met");
process.stdout.write(lines.join("\n") + "\n");
process.exitCode = missed.length ? 1 : 0;
