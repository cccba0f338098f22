/**
 * `npm run bench:answer`: what one answer costs the server itself, without HTTP or a load
 * generator on the same cores: the figure to watch while working on (a) in BENCHMARKS.md.
 *
 * Generates a 2,000-plan store under .bench/, builds the app in this process (production
 * settings), and sends answers through `app.request()` as the benchmark's load does: 50 at a time,
 * each connection adding and editing goals on its own plan, four answers per plan. Prints:
 * - event-loop busy time per answer (performance.eventLoopUtilization), best of 10 rounds: the
 *   machine's noise only ever adds to it;
 * - memory allocated per answer, collected garbage included (V8's sampling heap profiler).
 * In-process requests cost more than node's HTTP server does (web Request and Response objects),
 * so compare these figures with each other, not with `npm run bench`.
 */
import { Session } from "node:inspector/promises";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createApp } from "../src/app.ts";
import { buildDeps } from "../src/deps.ts";
import { loadSettings } from "../src/settings.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { formHeaders, type PlanRef, revIn } from "./support/load-runs.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ORIGIN = "http://localhost:3000";
const CONNECTIONS = 50;

const dataDir = join(ROOT, ".bench", "answer-cost");
const generated = await generateStore(dataDir, 2000);
const settings = loadSettings({ ...process.env, NODE_ENV: "production", COPLAN_DATA_DIR: dataDir, COPLAN_ORIGIN: ORIGIN });
const deps = buildDeps(settings);
await deps.store.init();
const app = createApp(deps);

const signIn = await app.request(`${ORIGIN}/signin`, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
  body: new URLSearchParams({ username: BENCH_USER.username, password: BENCH_USER.password, next: "/" }),
});
const cookie = (signIn.headers.get("Set-Cookie") ?? "").split(";")[0];
const headers = formHeaders(ORIGIN, cookie);
const plans: PlanRef[] = generated.plans.filter((p) => p.kind === "goals").map((p) => ({ id: p.id, rev: p.rev }));
let nextPlan = 0;

/** Four answers on one plan (add, edit, add, edit), then the next plan, until `left` runs out. */
async function connection(left: { count: number }): Promise<void> {
  while (left.count > 0) {
    const plan = plans[nextPlan++ % plans.length];
    for (let k = 0; k < 4 && left.count > 0; k++, left.count--) {
      const add = k % 2 === 0;
      const words = add ? "Find a cheaper flat closer to work before the lease ends, أريد شقة أرخص" : "Keep my flat and stay near my children's school — 我想留在这里";
      const res = await app.request(`${ORIGIN}/plans/${plan.id}/goals${add ? "" : "/g1"}`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: words }).toString(),
      });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`an answer got ${res.status}: ${html.slice(0, 200)}`);
      plan.rev = revIn(html) ?? plan.rev + 1;
    }
  }
}

/** Event-loop busy µs per answer over `count` answers. */
async function round(count: number): Promise<number> {
  const left = { count };
  const before = performance.eventLoopUtilization();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => connection(left)));
  return (performance.eventLoopUtilization(before).active * 1000) / count;
}

await round(1000); // warm-up: JIT, caches
let best = Infinity;
for (let i = 0; i < 10; i++) best = Math.min(best, await round(800));
console.log(`event-loop busy per answer: ${best.toFixed(0)} µs (best of 10 rounds of 800)`);

const session = new Session();
session.connect();
await session.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const sampled = 2000;
await round(sampled);
const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: { head: HeapNode } };
interface HeapNode {
  selfSize: number;
  children: HeapNode[];
}
const total = (n: HeapNode): number => n.selfSize + n.children.reduce((sum, c) => sum + total(c), 0);
console.log(`allocated per answer: ${(total(profile.head) / sampled / 1024).toFixed(1)} KB (heap sampling, garbage included)`);

await deps.store.close?.();
await deps.audit.close();
await rm(dataDir, { recursive: true, force: true });
