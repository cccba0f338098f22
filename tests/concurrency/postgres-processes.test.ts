/**
 * Several Coplan processes on one PostgreSQL database (issue 21), as `npm start` runs them (the
 * built server, spawned): a cluster of workers (COPLAN_WORKERS=2) that goes on serving when one
 * worker is killed, and two separate servers that take turns answering one plan, refuse a stale
 * revision with a 409, and go on when one of them is killed. Every process appends to the one
 * audit log in the database, and its chain still verifies, unforked, after all of that.
 */
import { request } from "node:http";
import { afterEach, expect, it } from "vitest";
import { type Coplan, freePort, signIn, startCoplan, stopCoplan } from "../../scripts/support/coplan-process.ts";
import { createPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { buildDeps } from "../../src/deps.ts";
import { loadSettings } from "../../src/settings.ts";
import { buildApp, PASSWORD, tempDir, text } from "../helpers/app.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The database's audit log as the processes left it, checked with the installation's key. */
async function auditVerdict(dataDir: string, env: Record<string, string>) {
  const deps = buildDeps(loadSettings({ COPLAN_DATA_DIR: dataDir, NODE_ENV: "test", ...env }));
  try {
    const actions: string[] = [];
    const verdict = await deps.audit.check((e) => actions.push(e.action));
    return { ...verdict, actions };
  } finally {
    await deps.pool?.end();
  }
}

const servingPids = (app: Coplan) => [...app.stdout().matchAll(/Coplan worker (\d+) is serving/g)].map((m) => Number(m[1]));

describePostgres("several Coplan processes on one PostgreSQL database", () => {
  let schema: TestSchema | undefined;
  const running: Coplan[] = [];
  afterEach(async () => {
    for (const app of running.splice(0)) await stopCoplan(app).catch(() => {});
    await schema?.drop();
  });

  /** A schema with one case manager (casey) and one plan of theirs, and the settings to reach it. */
  async function prepare() {
    schema = await freshSchema();
    const url = new URL(schema.url());
    const dataDir = tempDir();
    const env = { COPLAN_DATABASE_URL: url.toString() };
    const built = await buildApp(dataDir, undefined, env);
    const plan = await createPlan(built.store, { ...SETUP, clientName: "Zofia Kowalczyk" }, built.user.id);
    await built.store.close?.();
    await built.deps.audit.close();
    await built.deps.pool?.end();
    return { dataDir, env, plan };
  }

  /**
   * One request on a connection of its own: a kept-alive connection to the killed worker would be
   * reset on its next use, which says nothing about whether the cluster serves (a browser retries
   * such a request on a new connection).
   */
  const send = (app: Coplan, path: string, cookie: string, form?: Record<string, string>) =>
    new Promise<{ status: number; html: string }>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const headers: Record<string, string> = { Cookie: cookie, Origin: app.base };
      if (body) Object.assign(headers, { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) });
      const req = request(`${app.base}${path}`, { method: body ? "POST" : "GET", agent: false, headers }, (res) => {
        let html = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (html += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, html: text(html) }));
      });
      req.on("error", reject);
      // A request that hangs fails here with a reason, not at the test's own time limit.
      req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path} within 10 s`)));
      req.end(body);
    });
  const answer = (app: Coplan, cookie: string, planId: string, rev: number, words: string) =>
    send(app, `/plans/${planId}/goals`, cookie, { rev: String(rev), issue: "Housing at risk", clientWords: words });
  const page = (app: Coplan, cookie: string, planId: string) => send(app, `/plans/${planId}`, cookie);

  it("COPLAN_WORKERS=2 serves from two workers on one port, and when one is killed the other serves on and the cluster starts another", async () => {
    const { dataDir, env, plan } = await prepare();
    const app = await startCoplan({ dataDir, port: await freePort(), env: { ...env, COPLAN_WORKERS: "2" }, timeoutMs: 30_000 });
    running.push(app);
    await until("two workers serving", () => servingPids(app).length === 2);
    expect(app.stdout()).toMatch(/Coplan is running at http:\/\/127\.0\.0\.1:\d+ with 2 workers/);
    const [first, second] = servingPids(app);

    const cookie = await signIn(app, "casey", PASSWORD);
    expect((await answer(app, cookie, plan.id, plan.rev, "Keep my flat")).status).toBe(303);

    process.kill(first, "SIGKILL");
    // Once the primary has seen the worker go, every request is served by the other one, with the
    // session made earlier. (Before that, node's cluster may still hand a new connection to the
    // dead worker; on a loaded machine that window is wide enough to hang a request.)
    await until("the primary to see the worker end", () => app.stderr().includes(`Coplan worker ${first} ended`));
    for (let i = 0; i < 10; i++) {
      const seen = await page(app, cookie, plan.id);
      expect(seen.status).toBe(200);
      expect(seen.html).toContain("Keep my flat");
    }
    expect((await answer(app, cookie, plan.id, plan.rev + 1, "See my kids on Sundays")).status).toBe(303);
    await until("the cluster to start another worker", () => servingPids(app).length === 3);
    expect(app.stderr()).toContain(`Coplan worker ${first} ended (SIGKILL); starting another`);
    expect(servingPids(app)).toContain(second);
    const seen = await page(app, cookie, plan.id);
    expect(seen.html).toContain("See my kids on Sundays");
    // Every worker appended to the one chain in the database: it verifies, and nobody warns of forks.
    const audit = await auditVerdict(dataDir, env);
    expect(audit).toMatchObject({ ok: true, head: "signed", problems: [] });
    expect(audit.actions.filter((a) => a === "plan-changed")).toHaveLength(2);
    expect(app.stderr()).not.toMatch(/fork/);
  }, 90_000);

  it("on a first run, the cluster prints one set-up link, and every worker opens it", async () => {
    schema = await freshSchema();
    const url = new URL(schema.url());
    const app = await startCoplan({ dataDir: tempDir(), port: await freePort(), env: { COPLAN_DATABASE_URL: url.toString(), COPLAN_WORKERS: "2" }, timeoutMs: 30_000 });
    running.push(app);
    await until("two workers serving", () => servingPids(app).length === 2);
    const links = [...app.stdout().matchAll(/\/setup\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(links).toHaveLength(1);
    // Connections are shared out among the workers in turn: several requests reach both.
    for (let i = 0; i < 6; i++) {
      const res = await send(app, `/setup/${links[0]}`, "");
      expect(res.status).toBe(200);
      expect(res.html).toContain('name="username"');
    }
  }, 60_000);

  it("two servers take turns answering one plan, refuse a stale revision with a 409 keeping the words, and one serves on when the other is killed", async () => {
    const { dataDir, env, plan } = await prepare();
    const [a, b] = await Promise.all([
      startCoplan({ dataDir, port: await freePort(), env, timeoutMs: 30_000 }),
      startCoplan({ dataDir, port: await freePort(), env, timeoutMs: 30_000 }),
    ]);
    running.push(a, b);
    const cookieA = await signIn(a, "casey", PASSWORD);
    const cookieB = await signIn(b, "casey", PASSWORD);

    const words = ["Keep my flat", "See my kids on Sundays", "Find a job near home", "Pay the rent on time"];
    for (const [i, w] of words.entries()) {
      const [app, cookie] = i % 2 === 0 ? [a, cookieA] : [b, cookieB];
      expect((await answer(app, cookie, plan.id, plan.rev + i, w)).status).toBe(303);
    }
    // Each shows every answer, whichever server took it.
    for (const [app, cookie] of [[a, cookieA], [b, cookieB]] as const) {
      const seen = await page(app, cookie, plan.id);
      for (const w of words) expect(seen.html).toContain(w);
    }

    // A tab on B still at the revision before A's last answer: 409, and the words typed come back.
    const stale = await answer(b, cookieB, plan.id, plan.rev + words.length - 1, "Move nearer my sister");
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Move nearer my sister");

    a.child.kill("SIGKILL");
    await a.exited;
    expect((await answer(b, cookieB, plan.id, plan.rev + words.length, "Move nearer my sister")).status).toBe(303);
    const seen = await page(b, cookieB, plan.id);
    expect(seen.status).toBe(200);
    expect(seen.html).toContain("Move nearer my sister");
    const audit = await auditVerdict(dataDir, env);
    expect(audit).toMatchObject({ ok: true, head: "signed", problems: [] });
    expect(audit.actions.filter((a) => a === "plan-changed")).toHaveLength(words.length + 2); // the 409 too, as refused
  }, 90_000);
});
