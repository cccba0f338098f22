/**
 * `npm run test:crash`: Coplan never loses a save it acknowledged, and never starts on a damaged store.
 *
 * 1. A damaged plan file stops start-up: exit code not 0, the file named on stderr, the file left
 *    byte for byte as it was. A missing data folder is created fresh.
 * 2. Over and over (CRASH_KILLS times, 200 by default): start Coplan on a small store, post
 *    answers at it from four tabs at once, SIGKILL it at a random moment. The next start must
 *    succeed on what the kill left behind (it replays the journal into the plan files before it
 *    answers); then every plan file the killed run touched must parse (StoredPlanSchema) and hold
 *    every answer that was acknowledged (a 200 to the htmx post).
 *
 * With `-- --store postgres` the kill loop runs on PostgreSQL instead (a fresh schema in the
 * database COPLAN_TEST_DATABASE_URL names; the embedded store's own checks are skipped): the
 * servers side by side share one database and one audit log, each answer acknowledged only once
 * its transaction committed. After the kills every acknowledged answer must be in its plan's row,
 * the audit chain must verify against its signed head with exactly one entry for every change
 * that committed, and the data folder must hold nothing but the key.
 *
 * A kill loses what the process held, not what the kernel held, so this proves the order of
 * things (journal line on disk, then acknowledgement; replay at start-up); that the data also
 * survives a power cut rests on the fdatasync of the journal before each acknowledgement and the
 * fsyncs of each checkpoint (src/store/journal.ts), whose replay tests/unit/store-journal.test.ts
 * checks with plan files left old, empty or torn.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/auth/passwords.ts";
import { type StoredPlan, StoredPlanSchema } from "../src/store/plan-store.ts";
import { type CrashDatabase, crashDatabase } from "./support/crash-postgres.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { type Coplan, freePort, signIn, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { formHeaders, revIn } from "./support/load-runs.ts";

const ROOT = join(fileURLToPath(new URL("..", import.meta.url)), ".bench", "crash");
const KILLS = Number(process.env.CRASH_KILLS ?? 200);
/** The scratch database for --store postgres: each run makes a schema of its own in it, and drops it. */
const TEST_DATABASE_URL = process.env.COPLAN_TEST_DATABASE_URL?.trim() || undefined;
/** Independent stores and servers killed side by side: start-up, not the kill, is what takes the time. */
const LANES = Number(process.env.CRASH_LANES ?? 2);
const TABS = 4;
const GOALS_PER_PLAN = 12;
const { values: ARGS } = parseArgs({ options: { store: { type: "string", default: "embedded" } } });
const ON_POSTGRES = ARGS.store === "postgres";

let failures = 0;
function check(ok: boolean, what: string): void {
  if (!ok) failures++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${what}`);
}

/** Account for the test stores, hashed cheaply: a sign-in per restart at full cost would dominate the run. */
const cheapHash = () => hashPassword(BENCH_USER.password, { N: 2 ** 12, r: 8, p: 1, keylen: 32 });

async function damagedFileStopsStartUp(passwordHash: string) {
  console.log("A damaged plan file stops start-up");
  const dir = join(ROOT, "damaged");
  const store = await generateStore(dir, 5, { passwordHash, mix: [["goals", 1]] });
  // Start and stop once, so a saved index exists: the damaged file must be caught all the same.
  await stopCoplan(await startCoplan({ dataDir: dir, port: await freePort() }));
  const file = join(dir, "plans", `${store.plans[2].id}.json`);
  const damaged = readFileSync(file).subarray(0, 200); // as a torn write would leave it
  writeFileSync(file, damaged);
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, NODE_ENV: "production", COPLAN_DATA_DIR: dir, PORT: String(await freePort()) },
    encoding: "utf8",
    timeout: 15_000,
  });
  const code = run.status;
  const stderr = run.stderr;
  check(code !== null && code !== 0, `exits with code ${code}`);
  check(stderr.includes(file), `stderr names the file: ${stderr.trim().split("\n")[0]}`);
  check(readFileSync(file).equals(damaged), "the damaged file is left byte for byte as it was");
}

async function missingFolderIsCreated() {
  console.log("A missing data folder is created fresh");
  const dir = join(ROOT, "missing", "data");
  rmSync(join(ROOT, "missing"), { recursive: true, force: true });
  const app = await startCoplan({ dataDir: dir, port: await freePort() });
  check(existsSync(join(dir, "plans")), "it starts and creates the folder with an empty plans folder");
  await stopCoplan(app);
}

interface Tracked {
  id: string;
  rev: number;
  goals: number;
  acked: string[];
}

interface Tally {
  acked: number;
  inFlightAtKill: number;
  lost: number;
  kills: number;
}

/** What one lane kills and checks: a store, the plans it holds, and how to read them back behind the server's back. */
interface Target {
  name: string;
  plans: Tracked[];
  start(): Promise<Coplan>;
  /** The stored plans with these ids (an Error for one that does not parse). */
  read(ids: string[]): Promise<Map<string, StoredPlan | Error>>;
  allParse(): Promise<{ count: number; bad: number }>;
  /** Sessions are in the store (PostgreSQL): one sign-in serves every restart, which also shows a session outlives a kill. */
  sessionsKept: boolean;
}

/** Plans enough for the lane's kills: each takes about TABS * 8 answers, a plan at most GOALS_PER_PLAN. */
const plansFor = (kills: number) => Math.ceil((kills * TABS * 8) / GOALS_PER_PLAN) + 20;
const tracked = (plans: { id: string; rev: number; goals: number }[]): Tracked[] => plans.map((p) => ({ id: p.id, rev: p.rev, goals: p.goals, acked: [] }));

/** A store in its own data folder, read back from its plan files. */
async function embeddedTarget(dir: string, kills: number, passwordHash: string): Promise<Target> {
  const store = await generateStore(dir, plansFor(kills), { passwordHash, mix: [["goals", 1]] });
  const planFile = (id: string) => join(dir, "plans", `${id}.json`);
  const parse = (file: string): StoredPlan | Error => {
    try {
      return StoredPlanSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    } catch (err) {
      return new Error(`${file} does not parse: ${(err as Error).message}`);
    }
  };
  return {
    name: dir,
    plans: tracked(store.plans),
    start: async () => startCoplan({ dataDir: dir, port: await freePort() }),
    read: async (ids) => new Map(ids.map((id) => [id, parse(planFile(id))])),
    sessionsKept: false,
    allParse: async () => {
      const names = readdirSync(join(dir, "plans")).filter((n) => n.endsWith(".json"));
      return { count: names.length, bad: names.filter((n) => parse(join(dir, "plans", n)) instanceof Error).length };
    },
  };
}

/** One lane's share of the plans in the shared PostgreSQL database, served by a server of its own. */
function postgresTarget(db: CrashDatabase, lane: number, share: CrashDatabase["plans"]): Target {
  return {
    name: `PostgreSQL, lane ${lane}`,
    plans: tracked(share),
    start: async () => startCoplan({ dataDir: db.dataDir, port: await freePort(), env: { COPLAN_DATABASE_URL: db.url } }),
    read: (ids) => db.read(ids),
    sessionsKept: true,
    allParse: async () => {
      const ids = new Set(share.map((p) => p.id));
      const rows = await db.read([...ids]);
      return { count: rows.size, bad: [...rows.values()].filter((r) => r instanceof Error).length };
    },
  };
}

async function killLoop(passwordHash: string) {
  console.log(`Kill -9 at random moments, ${KILLS} times (${LANES} ${ON_POSTGRES ? "servers on one PostgreSQL database" : "stores"} side by side)`);
  const tally: Tally = { acked: 0, inFlightAtKill: 0, lost: 0, kills: 0 };
  const lanes = Array.from({ length: LANES }, (_, l) => Math.floor(KILLS / LANES) + (l < KILLS % LANES ? 1 : 0));
  let db: CrashDatabase | null = null;
  let targets: Target[];
  if (ON_POSTGRES) {
    db = await crashDatabase(TEST_DATABASE_URL!, join(ROOT, "postgres"), lanes.reduce((n, kills) => n + plansFor(kills), 0), passwordHash);
    let from = 0;
    targets = lanes.map((kills, l) => postgresTarget(db!, l, db!.plans.slice(from, (from += plansFor(kills)))));
  } else {
    targets = await Promise.all(lanes.map((kills, l) => embeddedTarget(join(ROOT, `store-${l}`), kills, passwordHash)));
  }
  const started = performance.now();
  try {
    await Promise.all(lanes.map((kills, l) => lane(targets[l], kills, tally, started)));
    check(tally.kills === KILLS, `${tally.kills} kills`);
    check(tally.lost === 0, `${tally.acked} acknowledged answers, none lost; ${tally.inFlightAtKill} of ${tally.kills} kills came with answers in flight`);
    if (db) await postgresAfterKills(db);
  } finally {
    await db?.drop();
  }
}

/** The audit log the killed servers shared, and the data folder they were given. */
async function postgresAfterKills(db: CrashDatabase) {
  const audit = await db.audit();
  check(audit.ok, `the audit log's chain of ${audit.count} entries verifies against its signed head${audit.problems.length ? `: ${audit.problems.join(" ")}` : ""}`);
  check(audit.mismatched.length === 0, `every committed change has exactly one audit entry${audit.mismatched.length ? `; not so for ${audit.mismatched.slice(0, 5).join("; ")}` : ""}`);
  const stray = db.strayFiles();
  check(stray.length === 0, `the data folder holds only the key${stray.length ? `, not ${stray.join(", ")}` : ""}`);
}

async function lane(target: Target, KILLS: number, tally: Tally, started: number) {
  const { plans } = target;
  let nextPlan = 0;
  const take = () => plans[nextPlan++ % plans.length];

  let touched = new Set<Tracked>();
  let kept: string | null = null;
  /** After a kill and the next start-up: every plan the killed run touched parses and holds every acknowledged answer. */
  const verify = async (k: number): Promise<boolean> => {
    const read = await target.read([...touched].map((p) => p.id));
    for (const plan of touched) {
      const stored = read.get(plan.id) ?? new Error(`plan ${plan.id} is gone`);
      if (stored instanceof Error) {
        check(false, `after kill ${k}, ${stored.message}`);
        return false;
      }
      const words = new Set((stored.snapshot as { context: { data: { goals: { clientWords: string }[] } } }).context.data.goals.map((g) => g.clientWords));
      const missing = plan.acked.filter((w) => !words.has(w));
      tally.lost += missing.length;
      if (missing.length) check(false, `after kill ${k}, plan ${plan.id} lost acknowledged answers: ${missing.join("; ")}`);
      plan.rev = stored.rev; // an answer sent but not acknowledged may or may not have landed
      plan.goals = words.size;
    }
    return true;
  };

  for (let k = 0; k < KILLS; k++) {
    let app;
    try {
      app = await target.start();
    } catch (err) {
      check(false, `${target.name}: start-up after kill ${k}: ${(err as Error).message}`);
      return;
    }
    // Nothing has been sent to this run yet: the store is what the start-up made of the last kill.
    if (k > 0 && !(await verify(k - 1))) return;
    const cookie: string = kept ?? (await signIn(app, BENCH_USER.username, BENCH_USER.password));
    if (target.sessionsKept) kept = cookie;
    const headers = formHeaders(app.base, cookie);
    let killed = false;
    let inFlight = 0;
    let firstAck = () => {};
    const answered = new Promise<void>((resolve) => (firstAck = resolve));
    touched = new Set<Tracked>();
    const tab = async (t: number) => {
      let plan = take();
      for (let n = 0; !killed; n++) {
        if (plan.goals >= GOALS_PER_PLAN) plan = take();
        touched.add(plan);
        const words = `kill ${k} tab ${t} answer ${n}`;
        inFlight++;
        try {
          const res = await fetch(`${app.base}/plans/${plan.id}/goals`, { method: "POST", headers, body: new URLSearchParams({ rev: String(plan.rev), issue: "Housing at risk", clientWords: words }) });
          const body = await res.text();
          if (res.status === 200) {
            plan.acked.push(words);
            plan.rev = revIn(body) ?? plan.rev + 1;
            plan.goals++;
            tally.acked++;
            firstAck();
          } else if (!killed) {
            check(false, `an answer was refused with ${res.status} before any kill: ${body.slice(0, 200)}`);
            return;
          }
        } catch {
          return; // the connection died with the process: not acknowledged
        } finally {
          inFlight--;
        }
      }
    };
    const tabs = Array.from({ length: TABS }, (_, t) => tab(t));
    // Once answers flow (the first ones after a start are slow), kill at a random moment.
    await Promise.race([answered, new Promise((r) => setTimeout(r, 3000))]);
    await new Promise((r) => setTimeout(r, Math.random() * 80));
    if (inFlight > 0) tally.inFlightAtKill++;
    tally.kills++;
    killed = true;
    app.child.kill("SIGKILL");
    await app.exited;
    await Promise.all(tabs);

    if (tally.kills % 25 === 0) console.log(`  ${tally.kills} kills, ${tally.acked} acknowledged answers so far, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }

  // A last start-up: the last kill's plans checked, every plan parses, and the server itself shows the answers.
  const app = await target.start();
  await verify(KILLS - 1);
  const { count, bad } = await target.allParse();
  const cookie = await signIn(app, BENCH_USER.username, BENCH_USER.password);
  let shown = 0;
  const sample = plans.filter((p) => p.acked.length).slice(-20);
  for (const plan of sample) {
    const page = await (await fetch(`${app.base}/plans/${plan.id}`, { headers: { Cookie: cookie } })).text();
    if (plan.acked.every((w) => page.includes(w))) shown++;
  }
  await stopCoplan(app);
  check(bad === 0 && count === plans.length, `${target.name}: all ${plans.length} plans parse after ${KILLS} kills`);
  check(shown === sample.length, `${target.name}: after a last restart the server shows every acknowledged answer of the ${sample.length} plans used last`);
}

async function main() {
  const t = performance.now();
  rmSync(ROOT, { recursive: true, force: true });
  const passwordHash = await cheapHash();
  if (ON_POSTGRES) {
    if (!TEST_DATABASE_URL) {
      // As the PostgreSQL tests do: said loudly locally, a failure in CI.
      console.error("test:crash --store postgres did NOT run: COPLAN_TEST_DATABASE_URL is not set (a scratch database it may write to).");
      process.exitCode = process.env.CI === "true" ? 1 : 0;
      return;
    }
    console.log("On PostgreSQL (the embedded store's start-up checks are npm run test:crash without --store)");
  } else {
    await damagedFileStopsStartUp(passwordHash);
    await missingFolderIsCreated();
  }
  await killLoop(passwordHash);
  console.log(`\n${failures === 0 ? "passed" : `${failures} failed`} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
