/**
 * Issue 21 (d) alone, in seconds rather than the whole bench's minutes: Coplan started the way
 * `npm start` runs it on a small generated store, and the conversation page's first load at the
 * goals step (where it opens) and at the review (its fullest), in the bytes actually sent.
 * `npx tsx scripts/bench-first-load.ts`; exits 1 if over 40 KB.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_USER, generateStore } from "./support/generate-store.ts";
import { freePort, signIn, startCoplan, stopCoplan } from "./support/coplan-process.ts";
import { describeFirstLoad, firstLoad } from "./support/first-load.ts";

const OUT = fileURLToPath(new URL("../.bench/first-load", import.meta.url));
const TARGET_KB = 40;

const store = await generateStore(join(OUT, "store"), 20);
const coplan = await startCoplan({ dataDir: store.dataDir, port: await freePort() });
let heaviest = 0;
try {
  const cookie = await signIn(coplan, BENCH_USER.username, BENCH_USER.password);
  for (const kind of ["goals", "review"] as const) {
    const plan = store.plans.find((p) => p.kind === kind)!;
    const fl = await firstLoad(coplan.base, `/plans/${plan.id}`, cookie);
    console.log(`first load at the ${kind} step: ${describeFirstLoad(fl)}`);
    heaviest = Math.max(heaviest, fl.sentBytes / 1024);
  }
} finally {
  await stopCoplan(coplan);
}
const pass = heaviest <= TARGET_KB;
console.log(`${pass ? "PASS" : "FAIL"}  (d) conversation page first load, HTML+CSS+JS as sent: ${heaviest.toFixed(1)} KB (target ≤ ${TARGET_KB} KB)`);
process.exitCode = pass ? 0 : 1;
