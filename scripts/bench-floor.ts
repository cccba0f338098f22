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
import { type ChildProcess, fork } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { answerPosts, bareRoute, CONNECTIONS, type Figure, figure } from "./support/load-runs.ts";
import { freePort, signIn, startCommand, startCoplan, stopCoplan, threadCpuMs } from "./support/coplan-process.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** One of the bench's plans at the goals step, as its file holds it (about 1.5 KB of JSON). */
function planAt(id: string, rev: number, goals: { issue: string; clientWords: string; id: string }[]) {
  return {
    format: "coplan.plan",
    formatVersion: 1,
    id,
    rev,
    createdAt: "2026-06-19T00:00:00.000Z",
    updatedAt: new Date().toISOString(),
    machineVersion: 1,
    ownerId: "d45bd056d553dded",
    notes: [],
    snapshot: {
      status: "active",
      value: "goals",
      historyValue: {},
      context: {
        data: {
          setup: {
            clientName: "Wei Zhang 169",
            preferredName: "Wei",
            pronouns: "he/him",
            serviceLength: "short-term",
            assessmentType: "initial",
            planDate: "2026-02-10",
            annualReviewDate: "2027-02-10",
            priorityIssues: ["Housing at risk", "Depression", "Income", "Family contact"],
          },
          goals,
          declined: [],
          barriers: [],
          strengths: [],
          actions: [],
        },
        nextId: goals.length + 1,
        furthest: "goals",
        signatures: [],
      },
      children: {},
    },
    version: 1,
    progress: { actions: {}, goals: {}, log: [], notes: [] },
    coaching: { dismissed: [] },
    history: [],
    reviewLinks: [],
  };
}

async function server(): Promise<void> {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const { Journal } = await import("../src/store/journal.ts");
  const { readForm } = await import("../src/http/form.ts");
  const dir = process.env.FLOOR_DIR!;
  rmSync(dir, { recursive: true, force: true });
  // The checkpoint's work (writing plan files) is left out of the floor: nothing to write.
  const journal = new Journal(dir, 1, async () => {});
  const plans = new Map<string, ReturnType<typeof planAt>>();
  const bubble = `<li class="bubble bubble-client" id="bubble-g1">\n  <p class="speaker">Wei</p>\n  <p class="words" dir="auto">“Find a cheaper flat closer to work, أريد شقة أرخص — 我想留在这里”</p>\n</li>\n`;
  const html = bubble.repeat(Math.ceil(6000 / Buffer.byteLength(bubble)));
  const app = new Hono();
  app.get("/health", (c) => c.text("ok"));
  app.post("/plans/:id/goals", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    const before = plans.get(id) ?? planAt(id, 1, []);
    const goals = [...before.snapshot.context.data.goals.slice(-4), { issue: form.issue, clientWords: form.clientWords, id: `g${before.rev}` }];
    const next = planAt(id, before.rev + 1, goals);
    await journal.save({ id, bytes: Buffer.from(JSON.stringify(next), "utf8") }, () => plans.set(id, next));
    return c.body(Buffer.from(`${html}<aside id="plan-panel" data-rev="${next.rev}"></aside>`, "utf8"), 200, { "Content-Type": "text/html; charset=UTF-8" });
  });
  serve({ fetch: app.fetch, port: Number(process.env.FLOOR_PORT), hostname: "127.0.0.1" }, () => process.send!("listening"));
}

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

async function startFloor(): Promise<{ child: ChildProcess; base: string }> {
  const start = startCommand();
  const port = await freePort();
  const child = fork(fileURLToPath(import.meta.url), [], {
    cwd: ROOT,
    // The start script's node flags (without the bundle's name) and environment; tsx loads the journal.
    execArgv: ["--import", "tsx", ...start.args.filter((a) => a.startsWith("--") && a !== "--enable-source-maps")],
    env: { ...process.env, ...start.env, FLOOR_SERVER: "1", FLOOR_PORT: String(port), FLOOR_DIR: join(ROOT, ".bench", "floor-journal") },
  });
  await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** The floor's answers, shaped as the bench's: 50 connections, each posting a goal to a plan in turn. */
function floorAnswers(base: string, seconds: number): Promise<Figure> {
  let n = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true" },
        setupRequest: (req: object) => ({
          ...req,
          path: `/plans/p${n++ % 2000}/goals`,
          body: new URLSearchParams({ rev: "1", issue: "Housing at risk", clientWords: "Find a cheaper flat closer to work before the lease ends, أريد شقة أرخص" }).toString(),
        }),
      },
    ],
  }).then(figure);
}

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

if (process.env.FLOOR_SERVER) await server();
else await main();
