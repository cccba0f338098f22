/**
 * `npm run bench:threads`: where a running server's CPU goes while it takes answers, thread by
 * thread. Starts Coplan as `npm start` does (bundle, flags and environment of the start script) on
 * a generated 2,000-plan store, puts the benchmark's answer load on it for a few seconds, and
 * prints the answers a second and, per answer, the CPU of the main thread (the event loop) and of
 * all the others together: V8's helpers (garbage collection, compiler) and libuv's thread pool
 * (file writes, fsync). Linux only (/proc).
 *
 * BENCH_NODE_ARGS adds node arguments before the start script's (a later flag wins, so a flag the
 * start script sets cannot be changed this way); BENCH_SECONDS sets the length of the load.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { freePort, rssMb, signIn, startCoplan, stopCoplan, threadCpuMs } from "./support/coplan-process.ts";
import { answerPosts } from "./support/load-runs.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

const store = await generateStore(join(ROOT, ".bench", "answer-threads"), 2000);
const plans = store.plans.filter((p) => p.kind === "goals").map((p) => ({ id: p.id, rev: p.rev }));
const app = await startCoplan({ dataDir: store.dataDir, port: await freePort(), nodeArgs });
try {
  const cookie = await signIn(app, BENCH_USER.username, BENCH_USER.password);
  const pool = { plans, next: 0 };
  await answerPosts(app.base, cookie, pool, 2); // warm-up: JIT, caches

  const pid = app.child.pid!;
  const threads = () => threadCpuMs(pid);
  const before = threads();
  const load = await answerPosts(app.base, cookie, pool, SECONDS);
  const after = threads();
  let main = 0;
  let others = 0;
  const each: number[] = [];
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid === String(pid)) main += used;
    else {
      others += used;
      each.push(used);
    }
  }
  const perAnswer = (ms: number) => `${((ms * 1000) / load.total).toFixed(0)} µs`;
  const codes = Object.entries(load.statuses).map(([k, v]) => `${k}×${v}`).join(" ");
  console.log(`node ${[...nodeArgs, "(start script)"].join(" ")}`);
  console.log(`answers: ${load.rps.toFixed(0)} a second, p50 ${load.p50} ms, p99 ${load.p99} ms [${codes}]`);
  console.log(`CPU per answer: main thread ${perAnswer(main)}, all other threads ${perAnswer(others)}`);
  // Node names none of its threads. The busiest others are V8's platform workers (garbage
  // collection, compiling: --v8-pool-size, 4 by default); libuv's thread pool (file writes and
  // fsync, UV_THREADPOOL_SIZE, 4) does far less. Their split shows which of the two to work on.
  const busiest = each.filter((ms) => ms > 0).sort((a, b) => b - a);
  console.log(`  the other threads, busiest first (µs per answer): ${busiest.map((ms) => ((ms * 1000) / load.total).toFixed(0)).join(", ")}`);
  console.log(`RSS after the load: ${rssMb(pid).toFixed(1)} MB`);
} finally {
  await stopCoplan(app);
}
