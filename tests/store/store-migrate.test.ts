/**
 * `npm run store:migrate -- --from <data folder>` (issue 21): an embedded store, made through the
 * app as an agency would make it over months, copied into an empty PostgreSQL database; then
 * Coplan started on that database serves it as before: old passwords sign in, signed plans show
 * with valid seals (the earlier version too), the review link opens, the calendar feed answers,
 * the reset link works, and the audit log keeps its old entries with its chain and signed head.
 * The folder is only read; a database that already holds data is refused, changing nothing.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { summarize } from "../../src/plans/conversation.ts";
import { loadSigner } from "../../src/signing/keys.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { addUser, buildApp, type Built, get, post, signIn, tempDir, text, withCookie } from "../helpers/app.ts";
import { runScript } from "../helpers/cli.ts";
import { planAtReview, WORDS } from "../helpers/plans.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";
import { signedPlan } from "../helpers/signed.ts";

const migrate = (from: string, env: Record<string, string>) => runScript("store-migrate.ts", ["--from", from], env);

/** Every file under `dir` (name, mode, time, bytes): what "left untouched" must keep. */
function fingerprintTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        out[`${p}/`] = `${st.mode}`;
        walk(p);
      } else out[p] = `${st.mode} ${st.mtimeMs} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`;
    }
  };
  walk(dir);
  return out;
}

/** Lets the app write everything down and let go of the folder, as a stopped Coplan would. */
async function stop(b: Built): Promise<void> {
  await b.store.close?.();
  await b.deps.audit.close();
  await b.deps.pool?.end();
}

/** A folder that holds a store to Coplan's eyes (a key, a plans folder), for the error cases. */
function minimalStore(): string {
  const dir = tempDir("coplan-migrate-");
  mkdirSync(join(dir, "plans"));
  loadSigner(dir); // makes keys/ed25519.pem, as a first start does
  return dir;
}

describe("store:migrate's plain refusals (no database needed)", () => {
  it("says the folder is missing, the URL is missing, the database is unreachable, or Coplan is running: no stack, not 0", async () => {
    const store = minimalStore();
    const unreachable = "postgres://coplan:coplan@127.0.0.1:9/coplan";
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["--from", join(store, "nothing-here")], { COPLAN_DATABASE_URL: unreachable }, /There is no folder .*nothing-here/],
      [["--from", store], {}, /COPLAN_DATABASE_URL is not set/],
      [[], { COPLAN_DATABASE_URL: unreachable }, /Say which data folder to copy/],
      [["--from", store], { COPLAN_DATABASE_URL: unreachable }, /Nothing was copied: Could not reach PostgreSQL at 127\.0\.0\.1:9, database coplan .*Is PostgreSQL running/],
    ];
    for (const [args, env, said] of cases) {
      const res = await runScript("store-migrate.ts", args, env);
      expect(res.stderr, args.join(" ")).toMatch(said);
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(res.code).not.toBe(0);
    }
    writeFileSync(join(store, "coplan.lock"), String(process.pid)); // this test's process stands in for a running Coplan
    const running = await migrate(store, { COPLAN_DATABASE_URL: unreachable });
    expect(running.stderr).toContain(`Coplan (process ${process.pid}) is running on ${store}. Stop it first`);
    expect(running.code).not.toBe(0);
  }, 60_000);
});

describePostgres("store:migrate into PostgreSQL", () => {
  let schema: TestSchema | undefined;
  const apps: Built[] = [];
  afterEach(async () => {
    for (const b of apps.splice(0)) await stop(b).catch(() => {});
    await schema?.drop();
    schema = undefined;
  });

  it("copies a store in use: old passwords, sealed versions, review, calendar and reset links, and the audit log all work on PostgreSQL", async () => {
    const clock = { t: new Date("2026-11-24T10:00:00Z") };
    const old = await buildApp(tempDir("coplan-migrate-"), clock);
    const { store } = old;
    await addUser(old.deps, "supervisor", "sam");
    const ada = await addUser(old.deps, "admin", "ada");
    const robin = await old.deps.users.add({ username: "robin", displayName: "Robin Hale", role: "case-manager", password: "robin's own long password" });
    await old.deps.users.setLanguage(robin.id, "es");

    // A plan signed, worked on, reassessed and signed again: version 1 is kept in its history.
    const plan = await signedPlan(store, old.user.id);
    const rev = async () => String((await store.get(plan.id))!.rev);
    const send = async (path: string, fields: Record<string, string> = {}) => {
      const res = await post(old.app, `/plans/${plan.id}${path}`, { rev: await rev(), ...fields });
      expect(res.status, path).toBe(303);
    };
    await send("/progress/actions/a6", { status: "done" });
    await send("/reassess");
    await send("/goals/g1", { issue: "Housing at risk", clientWords: "Move to a cheaper flat near the school" });
    for (let i = 0; i < 5; i++) await send("/next");
    await send("/commitments", { then: "next" });
    await send("/consent", { agreeClient: "yes", agreeCaseManager: "yes" });
    await send("/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" });
    await send("/sign", { party: "case-manager", typedName: "Casey", agree: "yes" });
    expect((await store.get(plan.id))!.history).toHaveLength(1);

    const made = await post(old.app, `/plans/${plan.id}/review-links`, { rev: await rev(), days: "30" });
    expect(made.status).toBe(201);
    const reviewLink = text(await made.text()).match(/id="new-review-link">([^<]+)</)![1];
    const feedUrl = text(await (await post(old.app, "/calendar", {})).text()).match(/id="calendar-url">([^<]+)</)![1];
    const asAda = await signIn(old.raw, "ada");
    const resetPage = text(await (await post(old.raw, `/users/${robin.id}/reset`, {}, { cookie: asAda })).text());
    const resetLink = resetPage.match(/https?:\/\/[^\s"<]+\/reset\/[A-Za-z0-9_-]{43}/)![0];
    const oldLog = await old.deps.audit.lines();
    await stop(old);

    const before = fingerprintTree(old.dataDir);
    schema = await freshSchema();
    const url = schema.url();
    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: url });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const out = res.stdout;
    expect(out).toMatch(/plans\s+1\n/);
    expect(out).toMatch(/signed versions\s+2\n/);
    expect(out).toMatch(/earlier versions\s+1\n/);
    expect(out).toMatch(/accounts\s+4\n/);
    expect(out).toMatch(/review links\s+1\n/);
    expect(out).toMatch(/calendar tokens\s+1\n/);
    expect(out).toMatch(/password-reset links\s+1\n/);
    expect(out).toMatch(new RegExp(`audit entries\\s+${oldLog.length} \\(and the signed head\\)\\n`));
    expect(out).toContain("seals: 2 of 2 verify (2 with the installation's key, 0 made before keyed seals)");
    expect(out).toContain(`audit log: intact: ${oldLog.length} entries chain up, and entry ${oldLog.length} is the signed head`);
    expect(fingerprintTree(old.dataDir), "the old folder is left untouched").toEqual(before);

    // Coplan on PostgreSQL, with the old installation's keys folder and nothing else of the old folder.
    const newDir = tempDir("coplan-migrated-");
    cpSync(join(old.dataDir, "keys"), join(newDir, "keys"), { recursive: true });
    const pg = await buildApp(newDir, clock, { COPLAN_DATABASE_URL: url }); // signs casey in with the old password
    apps.push(pg);
    expect(pg.user.id).toBe(old.user.id);
    await signIn(pg.raw, "robin", "robin's own long password");
    expect((await pg.deps.users.byId(robin.id))?.language).toBe("es");

    for (const version of ["1", "2"]) {
      const page = await get(pg.app, `/plans/${plan.id}/retainer?version=${version}`);
      expect(page.status, `version ${version}`).toBe(200);
      const html = await page.text();
      expect(html).toContain("Amira Haddad");
      expect(html, `version ${version}'s seal`).not.toContain('data-seal="');
    }
    expect(text(await (await get(pg.app, `/plans/${plan.id}`)).text())).toContain(WORDS.chinese);

    const opened = await pg.raw.request(reviewLink);
    expect(opened.status).toBe(303);
    const reviewCookie = (opened.headers.get("Set-Cookie") ?? "").split(";")[0];
    const review = await get(pg.raw, `/review/${plan.id}`, { cookie: reviewCookie });
    expect(review.status).toBe(200);
    expect(text(await review.text())).toContain("Move to a cheaper flat near the school");

    const feed = await pg.raw.request(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toContain("text/calendar");

    expect((await pg.raw.request(resetLink)).status).toBe(200);

    const sam = withCookie(pg.raw, await signIn(pg.raw, "sam"));
    const audit = text(await (await get(sam, `/audit?action=plan-signed`)).text());
    expect(audit).toContain("The log is intact:");
    expect(audit).toContain(plan.id);
    expect((await pg.deps.audit.lines()).slice(0, oldLog.length)).toEqual(oldLog);
    expect((await pg.deps.audit.check()).ok).toBe(true);
  }, 180_000);

  it("refuses a database that already holds data, saying so, and changes nothing in it", async () => {
    const old = await buildApp(tempDir("coplan-migrate-"));
    await signedPlan(old.store, old.user.id);
    await stop(old);
    schema = await freshSchema();
    const pool = schema.pool();
    const users = new PgUserStore(pool, () => new Date());
    await users.add({ username: "already", displayName: "Already Here", role: "admin", password: "", passwordHash: "not-a-real-hash" });
    const tables = async () => (await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema!.name])).rows;
    const rows = async () => (await pool.query("SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM audit_log) AS audit")).rows[0];
    const [tablesBefore, rowsBefore] = [await tables(), await rows()];

    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("Nothing was copied: The database already holds Coplan data (rows in users)");
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(await tables()).toEqual(tablesBefore);
    expect(await rows()).toEqual(rowsBefore);
    expect((await users.all()).map((u) => u.username)).toEqual(["already"]);
  }, 60_000);

  it("refuses a database a newer Coplan made, saying so plainly", async () => {
    const old = await buildApp(tempDir("coplan-migrate-"));
    await stop(old);
    schema = await freshSchema();
    const pool = schema.pool();
    await pool.query("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    await pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999-future.sql')");
    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("Nothing was copied: Coplan's tables could not be made in the database: The database has migration 999, newer than this Coplan knows");
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a second run into the database the first one filled is refused, and the first copy stays whole", async () => {
    const old = await buildApp(tempDir("coplan-migrate-"));
    await signedPlan(old.store, old.user.id);
    await stop(old);
    schema = await freshSchema();
    expect((await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() })).code).toBe(0);
    const again = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds Coplan data \(rows in plans, users, audit_log, audit_head\)/);
    const pool = schema.pool();
    expect((await pool.query("SELECT count(*)::int AS n FROM plans")).rows[0].n).toBe(1);
    expect((await pool.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(1);
  }, 60_000);

  it("copies a seal and an audit log already broken in the folder as they were, reports them, and ends with code 2", async () => {
    const clock = { t: new Date("2026-11-24T10:00:00Z") };
    const old = await buildApp(tempDir("coplan-migrate-"), clock);
    const plan = await signedPlan(old.store, old.user.id);
    await stop(old);
    // Someone with access to the files changed a signer's name and an audit entry's address.
    const file = join(old.dataDir, "plans", `${plan.id}.json`);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    stored.sealed.signatures[0].name = "Someone Else";
    writeFileSync(file, JSON.stringify(stored));
    const log = join(old.dataDir, "audit.log");
    writeFileSync(log, readFileSync(log, "utf8").replace('"ip":"', '"ip":"10.9.9.9'));

    schema = await freshSchema();
    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain("seals: 0 of 1 verify");
    expect(res.stdout).toContain(`NOT VERIFIED, as already in the folder: plan ${plan.id} version 1: This record no longer matches its signatures`);
    expect(res.stdout).toMatch(/audit log: broken \(\d+ entries\): Entry 1 of \d+: this entry was changed\./);
    expect(res.stderr).toContain("The copy is faithful, but what was already broken in the folder is broken in PostgreSQL too");

    const newDir = tempDir("coplan-migrated-");
    cpSync(join(old.dataDir, "keys"), join(newDir, "keys"), { recursive: true });
    const pg = await buildApp(newDir, clock, { COPLAN_DATABASE_URL: schema.url() });
    apps.push(pg);
    expect(await (await get(pg.app, `/plans/${plan.id}/retainer`)).text()).toContain('data-seal="broken"');
    expect((await pg.deps.audit.check()).ok).toBe(false);
  }, 60_000);

  it("copies all or nothing: a damaged plan file found while copying leaves the database without any of the store", async () => {
    const old = await buildApp(tempDir("coplan-migrate-"));
    await signedPlan(old.store, old.user.id);
    const last = await planAtReview(old.store, old.user.id);
    await stop(old);
    writeFileSync(join(old.dataDir, "plans", `${last.id}.json`), '{"format":"coplan.plan", "torn');
    schema = await freshSchema();
    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Nothing was copied: The stored file ${join(old.dataDir, "plans", `${last.id}.json`)} cannot be read`);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const pool = schema.pool();
    const count = async (table: string) => (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    for (const table of ["users", "plans", "audit_log"]) expect(await count(table), table).toBe(0);
    // The database stays empty to Coplan's eyes: once the file is put right, the copy can be made.
    expect((await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() })).stderr).not.toContain("already holds");
  }, 60_000);

  it("takes the saves a crash left in the journal, without replaying it onto the folder", async () => {
    const dataDir = tempDir("coplan-migrate-");
    loadSigner(dataDir); // the installation's key, as at a first start
    // Checkpoints far apart: the saves stay in the journal only, as after a kill between two.
    const store = new LowdbPlanStore({ dataDir, now: () => new Date(), summarize, checkpoint: { checkpointMs: 3_600_000, maxBytes: 1 << 30 } });
    const plan = await planAtReview(store);
    const before = fingerprintTree(dataDir);
    expect(Object.keys(before).some((f) => f.endsWith(`${plan.id}.json`)), "no plan file yet").toBe(false);

    schema = await freshSchema();
    const res = await migrate(dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("(1 plan's last save taken from the journal a crash or kill left in the folder)");
    expect(fingerprintTree(dataDir)).toEqual(before);

    const copied = new PgPlanStore({ pool: schema.pool(), now: () => new Date(), summarize });
    const back = await copied.get(plan.id);
    expect(back?.rev).toBe(plan.rev);
    expect(back).toEqual(await store.get(plan.id)); // the last acknowledged save, whole
  }, 60_000);

  it("reads an encrypted store only with its key, and keeps it encrypted in PostgreSQL", async () => {
    const key = "ab".repeat(32);
    const clock = { t: new Date("2026-11-24T10:00:00Z") };
    const old = await buildApp(tempDir("coplan-migrate-"), clock, { COPLAN_ENCRYPTION_KEY: key });
    const plan = await signedPlan(old.store, old.user.id);
    await stop(old);
    schema = await freshSchema();

    const without = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url() });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/Nothing was copied: The plans are encrypted \(.*\.json is\), and COPLAN_ENCRYPTION_KEY is not set: set it to the key this store ran with\./);
    expect(without.stderr).not.toMatch(/\n\s+at /);

    const res = await migrate(old.dataDir, { COPLAN_DATABASE_URL: schema.url(), COPLAN_ENCRYPTION_KEY: key });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const { rows } = await schema.pool().query("SELECT document, summary FROM plans");
    expect(rows[0].document).not.toContain("Amira");
    expect(rows[0].summary).not.toContain("Amira");

    const pg = await buildApp(old.dataDir, clock, { COPLAN_DATABASE_URL: schema.url(), COPLAN_ENCRYPTION_KEY: key });
    apps.push(pg);
    const page = await get(pg.app, `/plans/${plan.id}/retainer`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Amira Haddad");
    expect(html).not.toContain('data-seal="');
  }, 90_000);
});
