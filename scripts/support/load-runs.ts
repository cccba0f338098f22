/**
 * The loads the benchmark puts on a running Coplan, with autocannon (bounded in time and
 * connections) or, for the cost of one save, one request after another.
 */
import { Agent, request } from "node:http";
import autocannon, { type Result } from "autocannon";

export const CONNECTIONS = 50;
/** What Chromium and Firefox send. */
export const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

export interface Figure {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  total: number;
  statuses: Record<string, number>;
  errors: number;
}

/** A plan the load may change, with the version it was last seen at (updated from each response). */
export interface PlanRef {
  id: string;
  rev: number;
  /** An answer to it was sent and its response not read (a run ended first): `rev` may be old. */
  unsure?: boolean;
}

/** Plans handed out in turn, across runs, so a run never reuses a plan whose last answer it did not read. */
export interface PlanPool {
  plans: PlanRef[];
  next: number;
}

export function figure(r: Result): Figure {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.mean, total: r.requests.total, statuses, errors: r.errors + r.timeouts };
}

/** GET /health: a route that does nothing but answer "ok", through the same app and middleware. */
export async function bareRoute(base: string, seconds: number): Promise<Figure> {
  return figure(await autocannon({ url: `${base}/health`, connections: CONNECTIONS, duration: seconds }));
}

/**
 * GET /plans/:id, the whole conversation page rendered from the stored plan. Each connection is
 * one person with their own plan open (plans at several steps), viewing it again and again, and
 * asking for it as a browser over https does (Accept-Encoding), so the page comes compressed as it
 * would (brotli; gzip for a browser over plain http).
 */
export async function stepGets(base: string, cookie: string, ids: string[], seconds: number): Promise<Figure> {
  let next = 0;
  return figure(
    await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: seconds,
      setupClient: (client) => client.setRequests([{ method: "GET", path: `/plans/${ids[next++ % ids.length]}`, headers: { Cookie: cookie, "Accept-Encoding": BROWSER_ENCODINGS } }]),
    }),
  );
}

export function formHeaders(base: string, cookie: string): Record<string, string> {
  return { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "HX-Request": "true", Cookie: cookie };
}

const NEW_GOAL = "Find a cheaper flat closer to work before the lease ends, أريد شقة أرخص";
const EDITED_GOAL = "Keep my flat and stay near my children's school — 我想留在这里";

/** The plan version an htmx response carries (the plan panel's data-rev). */
export function revIn(body: string): number | null {
  const m = body.match(/data-rev="(\d+)"/);
  return m ? Number(m[1]) : null;
}

/**
 * POST answers with HX-Request, as the conversation does: each connection takes a plan at the goals
 * step, adds a goal, edits its first goal, adds another and edits again, each with the version the
 * previous response carried; then takes the next plan. So every request is a real, accepted save.
 */
export async function answerPosts(base: string, cookie: string, pool: PlanPool, seconds: number): Promise<Figure> {
  const headers = formHeaders(base, cookie);
  const track = (_status: number, body: string, ctx: Record<string, unknown>) => {
    const plan = ctx.plan as PlanRef;
    const rev = revIn(body);
    if (rev !== null) plan.rev = rev;
    plan.unsure = false;
  };
  const add = (first: boolean) => ({
    method: "POST",
    headers,
    setupRequest: (req: object, ctx: Record<string, unknown>) => {
      if (first) ctx.plan = pool.plans[pool.next++ % pool.plans.length];
      const plan = ctx.plan as PlanRef;
      plan.unsure = true;
      return { ...req, path: `/plans/${plan.id}/goals`, body: new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: NEW_GOAL }).toString() };
    },
    onResponse: track,
  });
  const edit = {
    method: "POST",
    headers,
    setupRequest: (req: object, ctx: Record<string, unknown>) => {
      const plan = ctx.plan as PlanRef;
      plan.unsure = true;
      return { ...req, path: `/plans/${plan.id}/goals/g1`, body: new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: EDITED_GOAL }).toString() };
    },
    onResponse: track,
  };
  const result = figure(await autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests: [add(true), edit, add(false), edit] }));
  await resync(base, cookie, pool);
  return result;
}

/**
 * The run stopped with answers in flight whose responses were never read. Once the pool comes
 * round to those plans again (a quick server gets through all of them), their versions must be
 * the server's, or every answer to them would be a 409: read each one's page once, untimed.
 */
async function resync(base: string, cookie: string, pool: PlanPool): Promise<void> {
  const unsure = pool.plans.filter((p) => p.unsure);
  if (unsure.length === 0) return;
  // autocannon closes its connections without waiting: the server may still be saving their last answers.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const plan of unsure) {
    const res = await fetch(`${base}/plans/${plan.id}`, { headers: { Cookie: cookie } });
    const rev = revIn(await res.text());
    if (res.status !== 200 || rev === null) throw new Error(`could not read plan ${plan.id} again: ${res.status}`);
    plan.rev = rev;
    plan.unsure = false;
  }
}

/** Mean latency (ms) of `count` saves made one after another (an edit of a goal, so plans keep their size). */
export async function sequentialSaves(base: string, cookie: string, plans: PlanRef[], count: number): Promise<number> {
  const headers = formHeaders(base, cookie);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const plan = plans[i % plans.length];
    const body = new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: `${EDITED_GOAL} ${i}` });
    const t = performance.now();
    const res = await fetch(`${base}/plans/${plan.id}/goals/g1`, { method: "POST", headers, body });
    const html = await res.text();
    total += performance.now() - t;
    if (res.status !== 200) throw new Error(`a save answered ${res.status}: ${html.slice(0, 200)}`);
    plan.rev = revIn(html) ?? plan.rev + 1;
  }
  return total / count;
}

/**
 * An open load: answers at a steady `rate` per second, evenly spaced, whatever the server does
 * with them (arrivals do not wait for earlier answers, as people across a whole agency do not),
 * each to a plan no other answer is waiting on. Each answer's latency counts from the moment it
 * was due to be sent, not from when this process got round to sending it, so a slow client or a
 * queue in front of the server cannot hide any of the wait (no coordinated omission).
 * `lag` is the furthest behind schedule a send was made, for telling a slow client apart.
 */
export async function openLoopAnswers(base: string, cookie: string, pool: PlanPool, seconds: number, rate: number): Promise<Figure & { lag: number }> {
  const headers = formHeaders(base, cookie);
  // Node's own HTTP client on kept-alive connections: fetch cost this process about 0.6 ms of CPU
  // per answer, on the same two cores as the server it measures (node:http, about a third of that).
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let lag = 0;
  const busy = new Set<PlanRef>();
  const send = async (due: number) => {
    let plan = pool.plans[pool.next++ % pool.plans.length];
    for (let tries = 1; busy.has(plan); tries++) {
      // Every plan has an answer in flight: the server (or this client) is far behind. Counted as
      // an error rather than sent to a plan that is waiting on another answer (a certain 409).
      if (tries > pool.plans.length) return void errors++;
      plan = pool.plans[pool.next++ % pool.plans.length];
    }
    busy.add(plan);
    const body = new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: EDITED_GOAL }).toString();
    try {
      const res = await post(agent, `${base}/plans/${plan.id}/goals/g1`, headers, body);
      latencies.push(performance.now() - due);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      plan.rev = revIn(res.body) ?? plan.rev;
    } catch {
      errors++;
    } finally {
      busy.delete(plan);
    }
  };
  const total = Math.round(seconds * rate);
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Everything due by now goes now (a timer fires late on a busy machine): the schedule holds.
    for (let due = started + (i * 1000) / rate; i < total && due <= now; due = started + (++i * 1000) / rate) {
      lag = Math.max(lag, now - due);
      sent.push(send(due));
    }
    if (i < total) await new Promise((r) => setTimeout(r, Math.max(0, started + (i * 1000) / rate - performance.now())));
  }
  await Promise.all(sent);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN);
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99), mean, total: latencies.length, statuses, errors, lag };
}

/** One POST with node:http, its whole response body read as text. */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
