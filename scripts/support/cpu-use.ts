/**
 * Where a load's CPU went, from /proc (Linux): the server's processes (a cluster's primary and its
 * workers), PostgreSQL's, this process (the load generator), and the machine as a whole (all its
 * cores, whoever used them). For telling a figure the code limits from one the machine limits:
 * two workers cannot serve twice the answers of one when one already takes most of the cores.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const HZ = 100;

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process and its threads, ms. */
  ms: number;
  /** The same of its children that have ended (and been waited for), ms. */
  ended: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      // Fields after the command name: state is the 1st, ppid the 2nd, utime and stime the 12th and
      // 13th, cutime and cstime (ended children) the 14th and 15th.
      const fields = stat.slice(close + 2).split(" ");
      const ms = (a: number, b: number) => ((Number(fields[a]) + Number(fields[b])) * 1000) / HZ;
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm, ms: ms(11, 12), ended: ms(13, 14) });
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

/** Busy and total CPU time of the whole machine so far, ms (all cores; steal counts as busy). */
function machine(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = ticks.map(Number);
  const idle = n[3] + n[4]; // idle and iowait
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: ((total - idle) * 1000) / HZ, total: (total * 1000) / HZ };
}

export interface CpuSample {
  servers: number;
  postgres: number;
  self: number;
  machineBusy: number;
  machineTotal: number;
}

/** CPU so far (ms) of the process trees rooted at `serverPids`, of every postgres process, of this process, and of the machine. */
export function sampleCpu(serverPids: number[]): CpuSample {
  const all = processes();
  const tree = new Set(serverPids);
  // Children appear after their parents' pids mostly, but not always: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) tree.add(p.pid), (grew = true);
  }
  const sum = (ps: Proc[]) => ps.reduce((a, p) => a + p.ms, 0);
  const self = process.cpuUsage();
  const m = machine();
  // PostgreSQL's connections come and go (a backend per connection): those that ended are counted
  // in their parent's (the postmaster's) time for ended children.
  const pg = all.filter((p) => p.comm === "postgres");
  const pgPids = new Set(pg.map((p) => p.pid));
  const postmasters = pg.filter((p) => !pgPids.has(p.ppid));
  return {
    servers: sum(all.filter((p) => tree.has(p.pid))),
    postgres: sum(pg) + postmasters.reduce((a, p) => a + p.ended, 0),
    self: (self.user + self.system) / 1000,
    machineBusy: m.busy,
    machineTotal: m.total,
  };
}

/** What a load used between two samples, per request (µs) and as cores, over `seconds`. */
export function cpuBetween(before: CpuSample, after: CpuSample, requests: number, seconds: number, what = "answer"): string {
  const per = (k: keyof CpuSample) => (((after[k] - before[k]) * 1000) / Math.max(1, requests)).toFixed(0);
  const cores = (k: keyof CpuSample) => ((after[k] - before[k]) / 1000 / seconds).toFixed(2);
  const busy = (after.machineBusy - before.machineBusy) / Math.max(1, after.machineTotal - before.machineTotal);
  return (
    `CPU per ${what}: Coplan ${per("servers")} µs, PostgreSQL ${per("postgres")} µs, load generator ${per("self")} µs; ` +
    `cores used: Coplan ${cores("servers")}, PostgreSQL ${cores("postgres")}, load generator ${cores("self")}; machine ${(busy * 100).toFixed(0)} % busy (everyone's work)`
  );
}
