/**
 * `npm run bench`: Coplan's speed and size figures, each against its target, in one run.
 *
 * Generates two stores (100 and 10,000 realistic plans) under .bench/, starts Coplan on them as
 * child processes the way `npm start` runs it (the esbuild bundle, the start script's settings,
 * NODE_ENV=production) and loads them from this process over 127.0.0.1 with autocannon, 50
 * connections, a few seconds per figure. Ratios compare two things measured in the same run on
 * the same machine, so they hold across machines; the absolute figures (latency, memory,
 * start-up, bytes) are for this machine (bytes for any).
 *
 * The bare route, the page views and the answers are each loaded twice, in interleaved rounds; each
 * figure is the quicker of its two runs. BENCH_SECONDS sets the seconds per load (default 5).
 * Exits 1 if any figure misses its target.
 */
import { cpus } from "node:os";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/auth/passwords.ts";
import { BENCH_USER, generateStore, type GeneratedStore } from "./support/generate-store.ts";
import { freePort, rssMb, signIn, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { answerPosts, bareRoute, type Figure, pacedAnswers, type PlanRef, sequentialSaves, stepGets } from "./support/load-runs.ts";
import { describeFirstLoad, firstLoad } from "./support/first-load.ts";
import { liveStreams } from "./support/live-streams.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, ".bench");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (s: string) => console.log(s);
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Row {
  figure: string;
  value: string;
  target: string;
  pass: boolean;
  kind: "ratio" | "absolute";
}
const rows: Row[] = [];
function record(figure: string, value: string, target: string, pass: boolean, kind: Row["kind"]) {
  rows.push({ figure, value, target, pass, kind });
  log(`  ${pass ? "PASS" : "FAIL"}  ${figure}: ${value} (target ${target})`);
}

function describe(f: Figure): string {
  const codes = Object.entries(f.statuses).map(([k, v]) => `${k}×${v}`).join(" ");
  return `${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms [${codes}${f.errors ? ` errors×${f.errors}` : ""}]`;
}

async function main() {
  const started = performance.now();
  await mkdir(OUT, { recursive: true });
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version };
  const load = (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
  log(`Coplan benchmark: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, ${SECONDS} s per load, 50 connections`);
  log(`Load average before the run (other work on this machine skews absolute figures): ${load}`);

  // One password hash for both stores: hashing costs a noticeable fraction of a second.
  const passwordHash = await hashPassword(BENCH_USER.password);
  const stores: Record<"small" | "large", GeneratedStore> = {} as never;
  for (const [name, count] of [["small", 100], ["large", 10_000]] as const) {
    const t = performance.now();
    stores[name] = await generateStore(join(OUT, `store-${count}`), count, { passwordHash });
    log(`Generated ${count} plans (${(stores[name].bytes / count / 1024).toFixed(1)} KB each on average) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const goalPlans = (s: GeneratedStore): PlanRef[] => s.plans.filter((p) => p.kind === "goals").map((p) => ({ id: p.id, rev: p.rev }));
  const largeGoals = goalPlans(stores.large);
  const savesLarge = largeGoals.slice(0, 20); // kept for (c), untouched by the load
  const firstLoadPlan = largeGoals[20].id; // kept for (d)
  const loadPool = { plans: largeGoals.slice(21), next: 0 };
  // One plan per connection for the page views, at each step of the conversation in turn.
  const byKind = (kind: string) => stores.large.plans.filter((p) => p.kind === kind);
  const stepIds = Array.from({ length: 50 }, (_, i) => byKind(["barriers", "actions", "review"][i % 3])[Math.floor(i / 3)].id);

  // (f) Cold start with 10,000 plans: spawn to the first successful response. The very first start
  // on a generated store reads every plan (there is no saved index yet, as after an upgrade); a
  // running Coplan keeps its index, so every later start, the figure, reads only what changed.
  log("\n(f) cold start, 10,000 plans stored");
  const port = await freePort();
  let large = await startCoplan({ dataDir: stores.large.dataDir, port });
  log(`  first start on the new store, reading all 10,000 plans: ${ms(large.startMs)}`);
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    await stopCoplan(large);
    large = await startCoplan({ dataDir: stores.large.dataDir, port });
    starts.push(large.startMs);
  }
  log(`  restarts: ${starts.map(ms).join(", ")}`);
  const cookie = await signIn(large, BENCH_USER.username, BENCH_USER.password);

  log(`\n(a), (b) load on the 10,000-plan store`);
  // Warm up (JIT, caches) so the figures are of the running server, not its first second.
  await bareRoute(large.base, 2);
  await stepGets(large.base, cookie, stepIds, 2);
  await answerPosts(large.base, cookie, loadPool, 2);
  // Each load twice, the rounds interleaved, and each figure from the quicker of its two runs: the
  // machine's busy moments only ever slow a run down, and they come and go within seconds on a
  // shared machine, so one run each could set a ratio by which load a slow moment fell on.
  const runs: { bare: Figure[]; gets: Figure[]; posts: Figure[] } = { bare: [], gets: [], posts: [] };
  for (const round of [1, 2]) {
    runs.bare.push(await bareRoute(large.base, SECONDS));
    log(`  round ${round}, bare route GET /health: ${describe(runs.bare.at(-1)!)}`);
    runs.gets.push(await stepGets(large.base, cookie, stepIds, SECONDS));
    log(`  round ${round}, step GET /plans/:id: ${describe(runs.gets.at(-1)!)}`);
    runs.posts.push(await answerPosts(large.base, cookie, loadPool, SECONDS));
    log(`  round ${round}, answer POST (htmx, durable save): ${describe(runs.posts.at(-1)!)}`);
  }
  const quicker = (fs: Figure[]) => fs.reduce((a, b) => (b.rps > a.rps ? b : a));
  const allOk = (fs: Figure[]) => fs.every((f) => f.errors === 0 && Object.keys(f.statuses).every((s) => s === "200"));
  const [gets, posts] = [quicker(runs.gets), quicker(runs.posts)];
  // With 50 connections sending as fast as they can, latency is mostly queueing: 50 ÷ (req/s).
  // For the time one answer takes when the server is busy but not swamped: 50 answers a second.
  const paced = await pacedAnswers(large.base, cookie, loadPool, SECONDS, 50);
  log(`  answer POST, 50 a second evenly spaced (for reference): ${describe(paced)}`);
  const bare = quicker(runs.bare).rps;
  const rss = rssMb(large.child.pid!);

  const postOk = allOk(runs.posts);
  const getOk = allOk(runs.gets);
  record("(a) answer POST req/s ÷ bare route req/s", `${(posts.rps / bare).toFixed(3)} (${posts.rps.toFixed(0)} ÷ ${bare.toFixed(0)})`, "≥ 0.15, every response 200", posts.rps / bare >= 0.15 && postOk, "ratio");
  record("(a) answer POST p99 latency at 50 connections", `${posts.p99} ms (p50 ${posts.p50} ms)`, "≤ 20 ms", posts.p99 <= 20, "absolute");
  record("(b) step GET req/s ÷ bare route req/s", `${(gets.rps / bare).toFixed(3)} (${gets.rps.toFixed(0)} ÷ ${bare.toFixed(0)})`, "≥ 0.4, every response 200", gets.rps / bare >= 0.4 && getOk, "ratio");

  // (d) The conversation page's first load: at the goals step (where it opens) and at the review (its fullest).
  const loads = [];
  for (const kind of ["goals", "review"] as const) {
    const id = kind === "goals" ? firstLoadPlan : stores.large.plans.find((p) => p.kind === kind)!.id;
    const fl = await firstLoad(large.base, `/plans/${id}`, cookie);
    loads.push(fl);
    log(`  first load at the ${kind} step: ${describeFirstLoad(fl)}`);
  }
  const heaviest = Math.max(...loads.map((l) => l.sentBytes)) / 1024;
  record("(d) conversation page first load, HTML+CSS+JS as sent", `${heaviest.toFixed(1)} KB`, "≤ 40 KB", heaviest <= 40, "absolute");
  record("(e) server RSS with 10,000 plans, after the load", `${rss.toFixed(1)} MB`, "≤ 150 MB", rss <= 150, "absolute");
  record("(f) cold start to first response, 10,000 plans", `${ms(median(starts))} (median of ${starts.length})`, "≤ 1000 ms", median(starts) <= 1000, "absolute");

  // (c) One save with 100 plans stored vs 10,000: both servers up, runs interleaved so that a
  // busy moment on the machine falls on both alike; median of the runs' mean latencies.
  log("\n(c) sequential saves, 100 vs 10,000 plans stored");
  const small = await startCoplan({ dataDir: stores.small.dataDir, port: await freePort() });
  const smallCookie = await signIn(small, BENCH_USER.username, BENCH_USER.password);
  const savesSmall = goalPlans(stores.small).slice(0, 20);
  // The same warm-up for both, so neither runs colder code than the other.
  await sequentialSaves(small.base, smallCookie, savesSmall, 200);
  await sequentialSaves(large.base, cookie, savesLarge, 200);
  const saves = { small: [] as number[], large: [] as number[] };
  for (let r = 0; r < 7; r++) {
    saves.small.push(await sequentialSaves(small.base, smallCookie, savesSmall, 60));
    saves.large.push(await sequentialSaves(large.base, cookie, savesLarge, 60));
  }
  log(`  100 plans: ${saves.small.map((x) => x.toFixed(2)).join(", ")} ms`);
  log(`  10,000 plans: ${saves.large.map((x) => x.toFixed(2)).join(", ")} ms`);
  const ratio = median(saves.large) / median(saves.small);
  record("(c) one save, 10,000 plans ÷ 100 plans", `${ratio.toFixed(3)} (${ms(median(saves.large))} ÷ ${ms(median(saves.small))})`, "≤ 1.2", ratio <= 1.2, "ratio");

  // (g) Live updates (issue 23): 200 screens following 10 plans (20 each, the per-plan cap) over
  // server-sent events; what they cost in memory, and how soon one answer reaches every screen.
  log("\n(g) 200 open event streams on the 100-plan store");
  // The plans (c) saved to, whose versions it kept track of: the small store has 20 at the goals step.
  const livePlans = savesSmall.slice(0, 10);
  const live = await liveStreams(small.base, smallCookie, small.child.pid!, livePlans, 20, 30);
  const livePerMb = live.rssAfterMb - live.rssBeforeMb;
  const sorted = [...live.deliveries].sort((a, b) => a - b);
  const liveP99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
  log(`  RSS ${live.rssBeforeMb.toFixed(1)} MB → ${live.rssAfterMb.toFixed(1)} MB with ${live.streams} streams; ${live.deliveries.length} deliveries, p50 ${ms(median(live.deliveries))}`);
  record("(g) RSS of 200 open event streams", `${livePerMb.toFixed(1)} MB`, "≤ 50 MB", livePerMb <= 50, "absolute");
  record("(g) one answer to all 20 screens of its plan, p99", ms(liveP99), "≤ 1000 ms", liveP99 <= 1000, "absolute");
  await stopCoplan(small);
  await stopCoplan(large);

  log(`\nSummary (${((performance.now() - started) / 1000).toFixed(0)} s):`);
  for (const r of rows) log(`  ${r.pass ? "PASS" : "FAIL"}  ${r.figure}: ${r.value} (target ${r.target}; ${r.kind})`);
  const results = { at: new Date().toISOString(), machine, load, seconds: SECONDS, runs, paced, rss, starts, saves, firstLoads: loads, live, rows };
  await writeFile(join(OUT, "results.json"), JSON.stringify(results, null, 2));
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
