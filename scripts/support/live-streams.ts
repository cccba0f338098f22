/**
 * The bench's live-updates figure (issue 23): many screens following plans over server-sent events.
 * Opens `perPlan` event streams on each of the plans (the per-plan cap is 20), measures the server's
 * RSS before and after, then answers on one plan after another and times how long each answer takes
 * to reach every screen following that plan (from sending the POST to the event arriving).
 */
import { request, type IncomingMessage } from "node:http";
import { rssMb } from "./coplan-process.ts";
import type { PlanRef } from "./load-runs.ts";

export interface LiveFigure {
  streams: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Per (answer, screen): ms from sending the answer to that screen's event. */
  deliveries: number[];
}

interface Viewer {
  plan: string;
  res: IncomingMessage;
  /** Resolvers waiting for an event id on this stream. */
  waiting: Map<number, () => void>;
  seen: number;
}

function openStream(base: string, cookie: string, plan: PlanRef): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/plans/${plan.id}/events?rev=${plan.rev}`, base);
    const req = request(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
      const viewer: Viewer = { plan: plan.id, res, waiting: new Map(), seen: plan.rev };
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(block);
          if (id) {
            viewer.seen = Math.max(viewer.seen, Number(id[1]));
            for (const [rev, done] of viewer.waiting) if (rev <= viewer.seen) (viewer.waiting.delete(rev), done());
          }
          if (block.includes("event: hello")) resolve(viewer);
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function until(viewer: Viewer, rev: number): Promise<void> {
  if (viewer.seen >= rev) return Promise.resolve();
  return new Promise((resolve) => viewer.waiting.set(rev, resolve));
}

export async function liveStreams(base: string, cookie: string, pid: number, plans: PlanRef[], perPlan: number, answers: number): Promise<LiveFigure> {
  const rssBeforeMb = rssMb(pid);
  const viewers: Viewer[] = [];
  for (const plan of plans) for (let i = 0; i < perPlan; i++) viewers.push(await openStream(base, cookie, plan));
  await new Promise((r) => setTimeout(r, 500));
  const rssAfterMb = rssMb(pid);
  const deliveries: number[] = [];
  for (let n = 0; n < answers; n++) {
    const plan = plans[n % plans.length];
    const t0 = performance.now();
    const res = await fetch(`${base}/plans/${plan.id}/goals`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
      body: new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: `Said for every screen ${n}` }),
    });
    await res.arrayBuffer();
    if (res.status !== 303) throw new Error(`answer refused: ${res.status}`);
    plan.rev += 1;
    await Promise.all(viewers.filter((v) => v.plan === plan.id).map((v) => until(v, plan.rev).then(() => deliveries.push(performance.now() - t0))));
  }
  for (const v of viewers) v.res.destroy();
  return { streams: viewers.length, rssBeforeMb, rssAfterMb, deliveries };
}
