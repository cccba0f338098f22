/**
 * The retainer PDF of the largest plan, in each script (Latin, Arabic, Chinese), made under the
 * node flags of `npm start` (--max-old-space-size=256 and the rest), one child process per script.
 * Prints the time, the size, and the peak memory of each; fails if any run out of heap.
 *   npm run bench:pdf                 all three scripts, lists of 30 (the cap on priority issues)
 *   npm run bench:pdf -- --items 10   shorter lists
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { maximalRetainer, type Script, SCRIPTS } from "./support/maximal-plan.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const items = Number(arg("--items") ?? 30);

/** The environment and node flags of package.json's start script, without the file it runs. */
function startFlags(): { env: Record<string, string>; args: string[] } {
  const words: string[] = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? "")) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  return { env, args: words.slice(1).filter((w) => w.startsWith("--")) };
}

async function one(script: Script) {
  const { retainerPdf } = await import("../src/signing/retainer-pdf.ts");
  const retainer = maximalRetainer(script, items);
  const started = performance.now();
  let peakHeap = 0;
  let heapTotal = 0;
  let bytes = 0;
  const reader = (await retainerPdf(retainer, ["client", "office", "record"])).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    heapTotal = Math.max(heapTotal, m.heapTotal);
    if (done) break;
    bytes += value.length;
  }
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  console.log(JSON.stringify({ script, items, ms: Math.round(performance.now() - started), kb: Math.round(bytes / 1024), peakHeapMb: mb(peakHeap), heapTotalMb: mb(heapTotal), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

const only = arg("--one");
if (only) {
  await one(only as Script);
} else {
  const { env, args } = startFlags();
  console.log(`Retainer PDF (3 copies) of a plan with every field at its maximum and lists of ${items}, under: ${args.join(" ")}`);
  console.log("script   | time     | size     | heap used, sampled between copies | heap total | peak RSS");
  let failed = false;
  for (const script of SCRIPTS) {
    try {
      const out = execFileSync(process.execPath, [...args, "--import", "tsx", "scripts/pdf-heap.ts", "--one", script, "--items", String(items)], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      const r = JSON.parse(out.trim().split("\n").at(-1)!);
      console.log(`${script.padEnd(8)} | ${String(r.ms).padStart(6)} ms | ${String(r.kb).padStart(5)} KB | ${String(r.peakHeapMb).padStart(4)} MB${" ".repeat(29)} | ${String(r.heapTotalMb).padStart(4)} MB    | ${r.maxRssMb} MB`);
    } catch (err) {
      failed = true;
      const e = err as { stderr?: string; status?: number };
      console.log(`${script.padEnd(8)} | FAILED (exit ${e.status}): ${(e.stderr ?? "").split("\n").find((l) => /heap|Error/.test(l)) ?? ""}`);
    }
  }
  if (failed) process.exit(1);
}
