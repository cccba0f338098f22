/** The one entry point that listens. Everything else is built by createApp(). */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { createApp } from "./app.ts";
import { linkBase, originWarning } from "./http/link-base.ts";
import { listen } from "./http/listen.ts";
import { buildDeps, loadLegacySealsInto } from "./deps.ts";
import { loadSettings } from "./settings.ts";
import { lockDataDir } from "./store/lock.ts";
import { sha256Hex } from "./signing/canonical.ts";
import { keepServingOnEscapedErrors } from "./process-errors.ts";
import { runPrimary } from "./cluster.ts";

function fail(message: string): never {
  console.error(`Coplan did not start. ${message}`);
  process.exit(1);
}

let settings;
try {
  settings = loadSettings();
} catch (err) {
  fail((err as Error).message);
}
// COPLAN_WORKERS: this process starts the workers and serves nothing itself (src/cluster.ts).
if (settings.workers && cluster.isPrimary) await runPrimary(settings, fail);
/** One of a cluster's workers: the primary speaks for the whole (the address, the set-up link). */
const inCluster = cluster.isWorker;

let deps: ReturnType<typeof buildDeps>;
try {
  deps = buildDeps(settings);
} catch (err) {
  fail((err as Error).message);
}

let unlock = () => {};
try {
  // One writer per data folder in embedded mode; with PostgreSQL, the database keeps processes apart.
  if (!settings.databaseUrl) unlock = lockDataDir(settings.dataDir);
  // A corrupt or unreadable store stops start-up: serving on would hide lost plans.
  await deps.store.init();
  // The signed list of seals made before keyed seals existed: made now if the key was just made.
  await loadLegacySealsInto(deps);
  await deps.users.all();
} catch (err) {
  unlock();
  fail(err instanceof Error ? err.message : String(err));
}

const app = createApp(deps);
// Links go out with the configured or listened address, never the request's Host (link-base.ts).
const base = linkBase(settings);
const server = listen(app.fetch, settings, () => {
  if (inCluster) return;
  console.log(`Coplan is running at ${base} (data folder: ${settings.dataDir}${settings.databaseUrl ? "; plans in PostgreSQL" : ""})`);
  const warning = originWarning(settings);
  if (warning) console.warn(warning);
  if (!settings.encryptionKey) console.log("Plan files are stored unencrypted: set COPLAN_ENCRYPTION_KEY to encrypt them at rest (see README.md).");
});

// First run: no accounts yet. A one-time link, printed only here, creates the first administrator.
// In a cluster the primary printed it, and hands every worker the same.
if (inCluster) {
  deps.setup.tokenHash = settings.setupTokenHash ?? null;
} else if ((await deps.users.all()).length === 0) {
  const token = randomBytes(24).toString("base64url");
  deps.setup.tokenHash = sha256Hex(token);
  console.log(`\nNo accounts yet. Open this one-time link to create the first administrator:\n  ${base}/setup/${token}\n`);
}

// Stop taking requests and let those in flight finish (2 s at most); then the store saves its index
// (so the next start-up is quick), and only then is the folder let go.
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    setTimeout(resolve, 2000).unref();
  });
  await deps.store.close?.().catch((err) => console.error(`Could not save the plan index (the next start-up reads every plan): ${err}`));
  await deps.audit.close().catch((err) => console.error(`Could not close the audit log: ${err}`));
  await deps.pool?.end().catch(() => {}); // waits for saves still in flight, then closes the connections
  unlock();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
// The primary is gone (killed): no more connections come to this worker, so it ends too.
if (inCluster) process.on("disconnect", () => void stop());
// One request's escaped error is logged, not the end of everyone's work (src/process-errors.ts).
keepServingOnEscapedErrors({
  restart: (reason) => {
    console.error(reason);
    void stop(1);
  },
});
process.on("exit", unlock);
