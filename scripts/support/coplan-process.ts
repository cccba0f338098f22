/**
 * Coplan as a child process, the way `npm start` runs it: the esbuild bundle (dist/server.js) under
 * plain node with the flags of package.json's start script, settings in the environment. Starts it, waits for its first successful response, signs in,
 * reads its memory, and stops or kills it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let built = false;
/**
 * The environment settings and node arguments of `npm start` ("NAME=value … node …"), read from
 * package.json so the two never drift apart.
 */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  if (!built) {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
    built = true;
  }
  const start: string = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).scripts.start;
  const words = start.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? "")) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  const [bin, ...args] = words;
  if (bin !== "node") throw new Error(`expected npm start to run node, not ${bin}`);
  return { env, args };
}

export interface Coplan {
  child: ChildProcess;
  port: number;
  base: string;
  /** From spawning the process to its first successful response, in ms. */
  startMs: number;
  stderr: () => string;
  /** The last 100 KB it printed. */
  stdout: () => string;
  exited: Promise<number | null>;
}

export interface StartOptions {
  dataDir: string;
  port: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Give up waiting for the first response after this long. */
  timeoutMs?: number;
  /** COPLAN_WORKERS (PostgreSQL): wait until this many workers say they serve, not only the first. */
  workers?: number;
  /** Another copy of Coplan, built, to run instead of this one (to compare two versions side by side). */
  cwd?: string;
}

/** Spawns Coplan and resolves once GET /health answers 200 (the store has been read by then). */
export async function startCoplan(opts: StartOptions): Promise<Coplan> {
  const start = startCommand();
  const started = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...start.args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...start.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(opts.port), COPLAN_DATA_DIR: opts.dataDir, ...(opts.workers ? { COPLAN_WORKERS: String(opts.workers) } : {}), ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  let out = "";
  // Ask as soon as it says it listens; until then only now and then, so that polling does not
  // take the CPU the start-up needs (on two cores, fetch in a tight loop slows it visibly).
  let wake = () => {};
  child.stderr!.on("data", (d) => (err += d));
  child.stdout!.on("data", (d) => {
    out = (out + d).slice(-100_000);
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let dead = false;
  void exited.then(() => (dead = true));
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = started + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (dead) throw new Error(`Coplan exited before answering: ${err.trim()}`);
    try {
      const res = await fetch(`${base}/health`);
      const serving = out.match(/ is serving\./g)?.length ?? 0;
      await res.arrayBuffer();
      if (res.ok && serving >= (opts.workers ?? 0)) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Coplan did not answer within ${opts.timeoutMs ?? 20_000} ms: ${err.trim()}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 50);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  return { child, port: opts.port, base, startMs: performance.now() - started, stderr: () => err, stdout: () => out, exited };
}

/** Signs in through the form and returns the session cookie ("name=value"). */
export async function signIn(app: Coplan, username: string, password: string): Promise<string> {
  const res = await fetch(`${app.base}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.base },
    body: new URLSearchParams({ username, password, next: "/" }),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get("Set-Cookie") ?? "").split(";")[0];
}

/** CPU time (ms) of each of the process's threads so far, by thread id (the main thread's id is the pid). */
export function threadCpuMs(pid: number): Map<string, number> {
  return new Map(
    readdirSync(`/proc/${pid}/task`).map((tid) => {
      // Fields after the command name: utime and stime are the 12th and 13th (clock ticks, 10 ms here).
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ");
      return [tid, (Number(fields[11]) + Number(fields[12])) * 10];
    }),
  );
}

/** Resident memory of the process, in MB (VmRSS from /proc). */
export function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** SIGTERM, and SIGKILL if it has not gone after a while. */
export async function stopCoplan(app: Coplan, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill(signal);
  const timer = setTimeout(() => app.child.kill("SIGKILL"), 3000);
  await app.exited;
  clearTimeout(timer);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
