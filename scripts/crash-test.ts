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
 * A kill loses what the process held, not what the kernel held, so this proves the order of
 * things (journal line on disk, then acknowledgement; replay at start-up); that the data also
 * survives a power cut rests on the fdatasync of the journal before each acknowledgement and the
 * fsyncs of each checkpoint (src/store/journal.ts), whose replay tests/unit/store-journal.test.ts
 * checks with plan files left old, empty or torn.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/auth/passwords.ts";
import { StoredPlanSchema } from "../src/store/plan-store.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { freePort, signIn, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { formHeaders, revIn } from "./support/load-runs.ts";

const ROOT = join(fileURLToPath(new URL("..", import.meta.url)), ".bench", "crash");
const KILLS = Number(process.env.CRASH_KILLS ?? 200);
/** Independent stores and servers killed side by side: start-up, not the kill, is what takes the time. */
const LANES = Number(process.env.CRASH_LANES ?? 2);
const TABS = 4;
const GOALS_PER_PLAN = 12;

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

async function killLoop(passwordHash: string) {
  console.log(`Kill -9 at random moments, ${KILLS} times (${LANES} stores side by side)`);
  const tally: Tally = { acked: 0, inFlightAtKill: 0, lost: 0, kills: 0 };
  const started = performance.now();
  const lanes = Array.from({ length: LANES }, (_, l) => Math.floor(KILLS / LANES) + (l < KILLS % LANES ? 1 : 0));
  await Promise.all(lanes.map((kills, l) => lane(join(ROOT, `store-${l}`), kills, passwordHash, tally, started)));
  check(tally.kills === KILLS, `${tally.kills} kills`);
  check(tally.lost === 0, `${tally.acked} acknowledged answers, none lost; ${tally.inFlightAtKill} of ${tally.kills} kills came with answers in flight`);
}

async function lane(dir: string, KILLS: number, passwordHash: string, tally: Tally, started: number) {
  const store = await generateStore(dir, Math.ceil((KILLS * TABS * 8) / GOALS_PER_PLAN) + 20, { passwordHash, mix: [["goals", 1]] });
  const plans: Tracked[] = store.plans.map((p) => ({ id: p.id, rev: p.rev, goals: p.goals, acked: [] }));
  let nextPlan = 0;
  const take = () => plans[nextPlan++ % plans.length];

  let touched = new Set<Tracked>();
  /** After a kill and the next start-up: every plan the killed run touched parses and holds every acknowledged answer. */
  const verify = (k: number): boolean => {
    for (const plan of touched) {
      const file = join(dir, "plans", `${plan.id}.json`);
      let stored;
      try {
        stored = StoredPlanSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      } catch (err) {
        check(false, `after kill ${k}, ${file} does not parse: ${(err as Error).message}`);
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
      app = await startCoplan({ dataDir: dir, port: await freePort() });
    } catch (err) {
      check(false, `${dir}: start-up after kill ${k}: ${(err as Error).message}`);
      return;
    }
    // Nothing has been sent to this run yet: the files are what the start-up made of the last kill.
    if (k > 0 && !verify(k - 1)) return;
    const cookie = await signIn(app, BENCH_USER.username, BENCH_USER.password);
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

  // A last start-up: the last kill's plans checked, every plan file parses, and the server itself shows the answers.
  const app = await startCoplan({ dataDir: dir, port: await freePort() });
  verify(KILLS - 1);
  let bad = 0;
  for (const name of readdirSync(join(dir, "plans")).filter((n) => n.endsWith(".json"))) {
    if (!StoredPlanSchema.safeParse(JSON.parse(readFileSync(join(dir, "plans", name), "utf8"))).success) bad++;
  }
  const cookie = await signIn(app, BENCH_USER.username, BENCH_USER.password);
  let shown = 0;
  const sample = plans.filter((p) => p.acked.length).slice(-20);
  for (const plan of sample) {
    const page = await (await fetch(`${app.base}/plans/${plan.id}`, { headers: { Cookie: cookie } })).text();
    if (plan.acked.every((w) => page.includes(w))) shown++;
  }
  await stopCoplan(app);
  check(bad === 0, `${dir}: all ${plans.length} plan files parse after ${KILLS} kills`);
  check(shown === sample.length, `${dir}: after a last restart the server shows every acknowledged answer of the ${sample.length} plans used last`);
}

async function main() {
  const t = performance.now();
  rmSync(ROOT, { recursive: true, force: true });
  const passwordHash = await cheapHash();
  await damagedFileStopsStartUp(passwordHash);
  await missingFolderIsCreated();
  await killLoop(passwordHash);
  console.log(`\n${failures === 0 ? "passed" : `${failures} failed`} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
