/**
 * Coplan as a real child process, the way `npm start` runs it: a free port on loopback and a store
 * in a fresh temp folder. It can be stopped and started again over the same folder and port, which
 * is how the suite proves a conversation survives a server restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { UserStore } from "../../../src/auth/users.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** tsx is slow to start on a busy 2-core machine; a real start-up failure shows up long before this. */
const START_TIMEOUT_MS = 30_000;
/**
 * Then SIGKILL. On SIGTERM Coplan waits for open connections to close (a connection Chromium
 * opened ahead of need holds it until its own 2 s fallback); a kill is a fair restart too, as
 * every answer was on disk before the page showed it, and a stale lock is taken over.
 */
const STOP_GRACE_MS = 300;

/** The staff account the browser suites sign in with. */
export const CASE_MANAGER = { username: "casey", displayName: "Casey Jones", password: "correct horse battery staple" };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class CoplanServer {
  private folder = "";
  port = 0;
  private child: ChildProcess | null = null;
  private output = "";

  /**
   * Adds the case manager account before Coplan starts (one writer per data folder), with
   * Coplan's own user store; without it Coplan starts empty and prints its set-up link.
   */
  async addCaseManager(): Promise<void> {
    if (this.child) throw new Error("add accounts before Coplan starts");
    const users = new UserStore(this.dataDir, () => new Date());
    await users.add({ ...CASE_MANAGER, role: "case-manager" });
  }

  /** Made on first use: a suite that is skipped (no Chromium) builds a server and never starts it. */
  get dataDir(): string {
    this.folder ||= mkdtempSync(join(tmpdir(), "coplan-browser-"));
    return this.folder;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return this.origin + path;
  }

  /** Starts Coplan and resolves once it says it is listening (same port on a restart). */
  async start(): Promise<void> {
    if (this.child) throw new Error("Coplan is already running");
    if (!this.port) this.port = await freePort();
    this.output = "";
    // `node --import tsx` is what `npm start` (tsx src/server.ts) does, minus tsx's extra wrapper
    // process, so a signal reaches the server itself.
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(this.port), HOST: "127.0.0.1", COPLAN_DATA_DIR: this.dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const onExit = () => child.kill("SIGKILL");
    process.once("exit", onExit);
    child.once("exit", () => process.off("exit", onExit));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`Coplan ${why}. Its output:\n${this.output}`));
      };
      const listen = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes("Coplan is running at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", listen);
      child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
      child.once("exit", (code, signal) => fail(`exited (code ${code}, signal ${signal}) before it was ready`));
    });
  }

  /** The one-time first-run link (a path) that Coplan prints when it starts with no accounts. */
  async setupPath(): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const path = this.output.match(/\/setup\/[\w-]+/)?.[0];
      if (path) return path;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Coplan printed no set-up link. Its output:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server and removes its store. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
