/**
 * COPLAN_WORKERS (PostgreSQL mode only, settings.ts): the primary process of a node:cluster. It
 * serves nothing itself; it does once what must not be raced by several processes starting
 * together, then starts the workers, which all serve on the one port (the cluster shares it), and
 * starts a worker again when one ends, so a crash costs that worker's requests in flight and no
 * more.
 *
 * Done once, here, before any worker starts: the signing key is made if missing (two workers
 * would each make their own), migrations run (they take an advisory lock anyway), and on a first
 * run the one-time set-up link is printed once and handed to every worker.
 */
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { buildDeps, loadLegacySealsInto } from "./deps.ts";
import { linkBase, originWarning } from "./http/link-base.ts";
import type { Settings } from "./settings.ts";
import { sha256Hex } from "./signing/canonical.ts";

/** A worker that ends sooner than this after starting is started again only after a wait, growing to 5 s. */
const QUICK_EXIT_MS = 5_000;
const MAX_WAIT_MS = 5_000;

export async function runPrimary(settings: Readonly<Settings>, fail: (message: string) => never): Promise<never> {
  const workers = settings.workers!;
  const env: Record<string, string> = {};
  try {
    const deps = buildDeps(settings);
    await deps.store.init();
    await loadLegacySealsInto(deps);
    if ((await deps.users.all()).length === 0) {
      const token = randomBytes(24).toString("base64url");
      env.COPLAN_SETUP_TOKEN_HASH = sha256Hex(token);
      console.log(`\nNo accounts yet. Open this one-time link to create the first administrator:\n  ${linkBase(settings)}/setup/${token}\n`);
    }
    await deps.store.close?.();
    await deps.audit.close();
    await deps.pool?.end();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }

  let stopping = false;
  let quickExits = 0;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(env), Date.now());

  let announced = false;
  cluster.on("listening", (worker) => {
    console.log(`Coplan worker ${worker.process.pid} is serving.`);
    if (announced) return;
    announced = true;
    console.log(`Coplan is running at ${linkBase(settings)} with ${workers} worker${workers === 1 ? "" : "s"} (data folder: ${settings.dataDir}; plans in PostgreSQL)`);
    const warning = originWarning(settings);
    if (warning) console.warn(warning);
  });

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    // A worker that cannot start (the database down at start, a bad setting) would otherwise be
    // started again in a tight loop.
    quickExits = lived < QUICK_EXIT_MS ? quickExits + 1 : 0;
    const wait = quickExits === 0 ? 0 : Math.min(MAX_WAIT_MS, 250 * 2 ** (quickExits - 1));
    console.error(`Coplan worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another${wait ? ` in ${wait} ms` : ""}.`);
    setTimeout(fork, wait);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Each worker finishes what is in flight (2 s at most, server.ts) and closes its pool.
      for (const worker of started.keys()) worker.process.kill("SIGTERM");
      if (started.size === 0) process.exit(0);
      setTimeout(() => {
        for (const worker of started.keys()) worker.process.kill("SIGKILL");
        process.exit(0);
      }, 5_000).unref();
    });
  }

  for (let i = 0; i < workers; i++) fork();
  // The workers hold the process open from here on; it ends through the signal handlers above.
  return new Promise<never>(() => {});
}
