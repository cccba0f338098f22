/**
 * `npm run bench:floor`: the floor under figure (a) on this machine. The least a durable answer can
 * be in Coplan's stack, loaded as `npm run bench` loads Coplan's answers (50 connections, each
 * posting a goal with HX-Request), beside a bare route in the same process, so that (a)'s figures
 * can be read against what this machine allows at all.
 *
 * The floor's answer is a hono route under @hono/node-server, run with the start script's node
 * flags and environment. It reads the form with Coplan's own readForm (src/http/form.ts),
 * makes the plan's next version (a plan of the size the bench's plans have), saves it through
 * Coplan's own journal (one write and one fdatasync per turn, the same code), and sends back HTML
 * of the size of Coplan's answers (about 6 KB, with text outside Latin-1 in it, as Coplan's has).
 * Everything else an answer does in Coplan is left out: the session and its user, the CSRF check,
 * the plan's access check and audit entry, the machine, the schema, the practice checks, the
 * templates, the checkpoint.
 *
 * Coplan itself (the start script on a generated 2,000-plan store) is loaded in the same rounds, its
 * answers as the bench sends them, so the two are measured side by side on the same machine in the
 * same minutes. Prints each run, then the quicker of two runs of each (as the bench does), and the
 * server CPU per answer of each (from /proc: Linux only).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { answerPosts, bareRoute, CONNECTIONS, type Figure } from "./support/load-runs.ts";
import { freePort, signIn, startCoplan, stopCoplan, threadCpuMs } from "./support/coplan-process.ts";
import { floorAnswers, startFloor } from "./support/floor.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** CPU time (ms) of the process's main thread (the event loop) and of all its threads, so far. */
function cpu(pid: number): { main: number; all: number } {
  const threads = threadCpuMs(pid);
  return { main: threads.get(String(pid)) ?? 0, all: [...threads.values()].reduce((a, b) => a + b, 0) };
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU per request, µs. */
  main: number;
  all: number;
  failed: number;
}

/** Runs a load and measures the server's CPU over it. */
async function measured(pid: number, load: () => Promise<Figure>): Promise<Run> {
  const before = cpu(pid);
  const f = await load();
  const after = cpu(pid);
  const failed = f.total - (f.statuses["200"] ?? 0) + f.errors;
  return { rps: f.rps, p50: f.p50, p99: f.p99, main: ((after.main - before.main) * 1000) / f.total, all: ((after.all - before.all) * 1000) / f.total, failed };
}

const describe = (r: Run) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; server CPU ${r.main.toFixed(0)} µs on the event loop, ${r.all.toFixed(0)} µs in all`;

async function main(): Promise<void> {
  const store = await generateStore(join(ROOT, ".bench", "floor-coplan"), 2000);
  const coplan = await startCoplan({ dataDir: store.dataDir, port: await freePort() });
  let started: Awaited<ReturnType<typeof startFloor>> | null = null;
  try {
    const floor = (started = await startFloor());
    const cookie = await signIn(coplan, BENCH_USER.username, BENCH_USER.password);
    const pool = { plans: store.plans.filter((p) => p.kind === "goals").map((p) => ({ id: p.id, rev: p.rev })), next: 0 };
    // Warm-up (JIT, caches) for both.
    await floorAnswers(floor.base, 2);
    await answerPosts(coplan.base, cookie, pool, 2);
    const runs = { floor: [] as Run[], floorBare: [] as Run[], coplan: [] as Run[], coplanBare: [] as Run[] };
    for (let round = 1; round <= 2; round++) {
      runs.floor.push(await measured(floor.child.pid!, () => floorAnswers(floor.base, SECONDS)));
      console.log(`  round ${round}, floor answer POST: ${describe(runs.floor.at(-1)!)}`);
      runs.floorBare.push(await measured(floor.child.pid!, () => bareRoute(floor.base, SECONDS)));
      console.log(`  round ${round}, floor bare route: ${describe(runs.floorBare.at(-1)!)}`);
      runs.coplan.push(await measured(coplan.child.pid!, () => answerPosts(coplan.base, cookie, pool, SECONDS)));
      console.log(`  round ${round}, Coplan answer POST: ${describe(runs.coplan.at(-1)!)}`);
      runs.coplanBare.push(await measured(coplan.child.pid!, () => bareRoute(coplan.base, SECONDS)));
      console.log(`  round ${round}, Coplan bare route: ${describe(runs.coplanBare.at(-1)!)}`);
    }
    const quickest = (rs: Run[]) => rs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const [f, fb, c, cb] = [quickest(runs.floor), quickest(runs.floorBare), quickest(runs.coplan), quickest(runs.coplanBare)];
    console.log("\nThe quicker run of each:");
    console.log(`  floor:  answer ÷ its bare route ${(f.rps / fb.rps).toFixed(3)} (${f.rps.toFixed(0)} ÷ ${fb.rps.toFixed(0)}), p99 ${f.p99} ms (p50 ${f.p50} ms)`);
    console.log(`  Coplan: answer ÷ its bare route ${(c.rps / cb.rps).toFixed(3)} (${c.rps.toFixed(0)} ÷ ${cb.rps.toFixed(0)}), p99 ${c.p99} ms (p50 ${c.p50} ms)`);
    console.log(`  (a)'s targets: ratio ≥ 0.15, p99 ≤ 20 ms at ${CONNECTIONS} connections`);
    console.log(`  server CPU per answer, Coplan ÷ floor: event loop ${(c.main / f.main).toFixed(1)}× (${c.main.toFixed(0)} ÷ ${f.main.toFixed(0)} µs), all threads ${(c.all / f.all).toFixed(1)}× (${c.all.toFixed(0)} ÷ ${f.all.toFixed(0)} µs)`);
    console.log(`  Coplan's bare route ÷ the floor's: ${(cb.rps / fb.rps).toFixed(2)} (the middleware every request passes)`);
    const failed = [...runs.floor, ...runs.coplan, ...runs.floorBare, ...runs.coplanBare].reduce((n, r) => n + r.failed, 0);
    if (failed > 0) {
      console.error(`${failed} requests failed: the figures above do not count`);
      process.exitCode = 1;
    }
  } finally {
    started?.child.kill();
    await stopCoplan(coplan);
  }
}

await main();
