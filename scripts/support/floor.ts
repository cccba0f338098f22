/**
 * The floor under figure (a): the least a durable answer can be in Coplan's stack (see
 * scripts/bench-floor.ts, which loads it beside Coplan, and scripts/bench.ts, which compares
 * Coplan's answers with it in the same run). A hono route under @hono/node-server, run with the
 * start script's node flags and environment, that reads the form with Coplan's own readForm,
 * makes the plan's next version, saves it through Coplan's own journal (the same group commit)
 * and sends back HTML of the size of Coplan's answers. This module is also the floor's server
 * process: forked with FLOOR_SERVER set, it serves.
 */
import { type ChildProcess, fork } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { CONNECTIONS, type Figure, figure } from "./load-runs.ts";
import { freePort, startCommand } from "./coplan-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

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
  const { Journal } = await import("../../src/store/journal.ts");
  const { readForm } = await import("../../src/http/form.ts");
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

export async function startFloor(): Promise<{ child: ChildProcess; base: string }> {
  const start = startCommand();
  const port = await freePort();
  const child = fork(fileURLToPath(import.meta.url), [], {
    cwd: ROOT,
    // The start script's node flags (without the bundle's name) and environment; tsx loads the journal.
    execArgv: ["--import", "tsx", ...start.args.filter((a) => a.startsWith("--") && a !== "--enable-source-maps")],
    env: { ...process.env, ...start.env, FLOOR_SERVER: "1", FLOOR_PORT: String(port), FLOOR_DIR: join(ROOT, ".bench", `floor-journal-${process.pid}`) },
  });
  await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** The floor's answers, shaped as the bench's: 50 connections, each posting a goal to a plan in turn. */
export function floorAnswers(base: string, seconds: number): Promise<Figure> {
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


if (process.env.FLOOR_SERVER) await server();
