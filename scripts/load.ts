/**
 * `npm run load`: 50 simulated case managers, each going through whole conversations (new plan to
 * both signatures, with htmx) again and again for 60 s, against Coplan running as a child process
 * on a store of 1,000 plans. Prints what they got done, the latency of their requests and every
 * status; exits 1 on any error or 5xx. LOAD_USERS and LOAD_SECONDS change the numbers.
 *
 * tests/concurrency/load.test.ts runs a few seconds of the same, in-process, with `npm test`.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/auth/passwords.ts";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { freePort, rssMb, signIn, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { completeConversation, newOutcome, percentile, Stopped } from "./support/simulated-user.ts";

const USERS = Number(process.env.LOAD_USERS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const DIR = join(fileURLToPath(new URL("..", import.meta.url)), ".bench", "load");

async function main() {
  // A cheaply hashed password for the test account: 50 sign-ins at full scrypt cost would take a while.
  const passwordHash = await hashPassword(BENCH_USER.password, { N: 2 ** 12, r: 8, p: 1, keylen: 32 });
  await generateStore(DIR, 1000, { passwordHash });
  const app = await startCoplan({ dataDir: DIR, port: await freePort() });
  console.log(`Coplan started in ${app.startMs.toFixed(0)} ms on 1,000 plans; ${USERS} users for ${SECONDS} s`);
  const cookies = [];
  for (let u = 0; u < USERS; u++) cookies.push(await signIn(app, BENCH_USER.username, BENCH_USER.password));

  const outcome = newOutcome();
  const errors: string[] = [];
  const request = (path: string, init?: RequestInit) => fetch(`${app.base}${path}`, init);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const conversations = await Promise.all(
    cookies.map(async (cookie, u) => {
      let n = 0;
      while (performance.now() < deadline) {
        try {
          await completeConversation(request, app.base, cookie, outcome, `${u}-${n}`, deadline);
          n++;
        } catch (err) {
          if (err instanceof Stopped) break;
          errors.push(`user ${u}: ${(err as Error).message}`);
        }
      }
      return n;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = rssMb(app.child.pid!);
  await stopCoplan(app);

  const total = conversations.reduce((a, b) => a + b, 0);
  const fivexx = Object.entries(outcome.statuses).filter(([s]) => Number(s) >= 500);
  console.log(`${total} whole conversations signed by ${USERS} users in ${seconds.toFixed(0)} s (${Math.min(...conversations)} to ${Math.max(...conversations)} each)`);
  console.log(`${outcome.requests} requests, ${(outcome.requests / seconds).toFixed(0)} req/s; latency p50 ${percentile(outcome.latencies, 50).toFixed(1)} ms, p99 ${percentile(outcome.latencies, 99).toFixed(1)} ms, max ${Math.max(...outcome.latencies).toFixed(0)} ms`);
  console.log(`statuses: ${Object.entries(outcome.statuses).map(([s, n]) => `${s}×${n}`).join(" ")}; server RSS at the end ${rss.toFixed(0)} MB`);
  for (const e of errors.slice(0, 10)) console.log(`  error: ${e}`);
  const ok = errors.length === 0 && fivexx.length === 0 && total > 0;
  console.log(ok ? "passed: no error, no 5xx" : `failed: ${errors.length} errors, ${fivexx.length ? fivexx.map(([s, n]) => `${s}×${n}`).join(" ") : "no 5xx"}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
