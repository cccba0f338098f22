/**
 * What every audit log does, whichever deps.ts chose: the data folder's file (AuditLog) and
 * PostgreSQL's audit_log and audit_head (PgAuditLog) answer to the same tests: the chain in call
 * order, carried on after a restart, checked against its signed head, and a cut, an edit or a
 * reordering reported as broken. The PostgreSQL-only tests follow: two processes appending at
 * once never fork the chain.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Audit } from "../../src/audit/audit.ts";
import { type AuditEntry, type AuditInput, AuditLog, verifyChain } from "../../src/audit/audit-log.ts";
import { GENESIS, chainEntry, entryHash } from "../../src/audit/chain.ts";
import { PgAuditLog } from "../../src/audit/pg-audit-log.ts";
import { migrate } from "../../src/store/migrate.ts";
import { signerFrom } from "../../src/signing/keys.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

let now = new Date("2026-11-24T10:00:00.000Z");
const clock = () => now;
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);

/** One log's place (a folder, or a schema), from which logs are opened as a process would at start. */
interface Place {
  open(): Audit;
  /** The stored entries, as text, in order, read behind the log's back. */
  stored(): Promise<string[]>;
  /** Replaces the stored entries, as someone who can write the folder or the database could. */
  replace(lines: string[]): Promise<void>;
  drop(): Promise<void>;
}

async function filePlace(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), "coplan-audit-contract-"));
  const file = join(dir, "audit.log");
  const opened: Audit[] = [];
  return {
    open: () => {
      const log = new AuditLog(file, clock, signer);
      opened.push(log);
      return log;
    },
    stored: async () => {
      try {
        return readFileSync(file, "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
    replace: async (lines) => writeFileSync(file, lines.map((l) => `${l}\n`).join("")),
    drop: async () => {
      await Promise.all(opened.map((log) => log.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pgPlace(): Promise<Place> {
  const schema = await freshSchema();
  const pool = schema.pool({ max: 4 });
  await migrate(pool);
  const opened: Audit[] = [];
  return {
    open: () => {
      const log = new PgAuditLog(pool, clock, signer);
      opened.push(log);
      return log;
    },
    stored: async () => (await pool.query<{ entry: string }>("SELECT entry FROM audit_log ORDER BY seq")).rows.map((r) => r.entry),
    replace: async (lines) => {
      await pool.query("DELETE FROM audit_log");
      for (const [i, line] of lines.entries()) await pool.query("INSERT INTO audit_log (seq, entry) VALUES ($1, $2)", [i + 1, line]);
    },
    drop: async () => {
      await Promise.all(opened.map((log) => log.close()));
      await schema.drop();
    },
  };
}

const view = (i: number): AuditInput => ({ actor: "u1", action: "plan-viewed", record: `plan${i}`, detail: `call ${i}`, ip: "127.0.0.1" });

/** The chain worked out again from the first entry, as someone with the entries but not the key could. */
function rehashed(lines: string[]): string[] {
  let prev = GENESIS;
  return lines.map((line, i) => {
    const { hash: _old, ...e } = JSON.parse(line) as AuditEntry;
    const body = { ...e, seq: i + 1, prev };
    prev = entryHash(body);
    return JSON.stringify({ ...body, hash: prev });
  });
}

let place: Place | undefined;
beforeEach(() => {
  now = new Date("2026-11-24T10:00:00.000Z");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await place?.drop();
  place = undefined;
});

describe.each(TEST_DATABASE_URL ? ["file", "PostgreSQL"] : ["file"])("the %s audit log", (kind) => {
  const make = async (): Promise<Place> => (place = kind === "file" ? await filePlace() : await pgPlace());

  it("chains 200 records made at once in the order they were made", async () => {
    const log = (await make()).open();
    const entries = await Promise.all(Array.from({ length: 200 }, (_, i) => log.record(view(i))));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(entries.map((e) => e.detail)).toEqual(Array.from({ length: 200 }, (_, i) => `call ${i}`));
    const lines = await log.lines();
    expect(verifyChain(lines)).toEqual({ ok: true, count: 200 });
    expect(lines.map((l) => JSON.parse(l))).toEqual(entries);
    expect(await place!.stored()).toEqual(lines);
  });

  it("carries the chain on after a restart, and reports the log whole and signed to its end", async () => {
    const first = (await make()).open();
    for (let i = 0; i < 3; i++) await first.record(view(i));
    await first.close();
    const log = place!.open();
    const next = await log.record({ actor: "u2", action: "sign-in", ip: "10.0.0.2" });
    expect(next).toMatchObject({ seq: 4, actor: "u2", action: "sign-in", outcome: "ok" });
    const seen: number[] = [];
    expect(await log.check((e) => seen.push(e.seq))).toMatchObject({ ok: true, count: 4, head: "signed", headSeq: 4, since: 0, problems: [] });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(await place!.open().check()).toMatchObject({ ok: true, count: 4, head: "signed", headSeq: 4 });
  });

  it("reports a log cut by its last entry as broken, in the running process and after a restart", async () => {
    const log = (await make()).open();
    for (let i = 0; i < 4; i++) await log.record(view(i));
    await place!.replace((await place!.stored()).slice(0, -1));
    const verdict = await log.check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toMatch(/cut off its end/);
    expect((await place!.open().check()).ok).toBe(false);
  });

  it("does not sign over a cut: new entries are kept, and the log stays broken", async () => {
    const first = (await make()).open();
    for (let i = 0; i < 4; i++) await first.record(view(i));
    await first.close();
    await place!.replace((await place!.stored()).slice(0, -1));
    const log = place!.open();
    await log.record({ actor: "u2", action: "sign-in", ip: "10.0.0.2" });
    expect(await place!.stored()).toHaveLength(4);
    expect(verifyChain(await place!.stored()).ok).toBe(true); // the chain alone looks whole
    expect((await log.check()).ok).toBe(false); // the signed head does not
    expect((await place!.open().check()).ok).toBe(false);
  });

  it("reports an edited entry, even with the chain worked out again after it, as broken", async () => {
    const log = (await make()).open();
    for (let i = 0; i < 4; i++) await log.record(view(i));
    // Signed to its end, as it is at shutdown (and within HEAD_EVERY_MS while it runs): entries
    // newer than the head can be re-hashed unnoticed by another process until then.
    await log.close();
    const lines = await place!.stored();
    const edited = lines.map((l, i) => (i === 1 ? l.replace('"plan1"', '"plan9"') : l));
    await place!.replace(edited);
    expect(await place!.open().check()).toMatchObject({ ok: false, problems: [expect.stringMatching(/Entry 2 of 4: this entry was changed/)] });
    await place!.replace(rehashed(edited));
    const verdict = await place!.open().check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toMatch(/not the one Coplan signed/);
  });

  it("carries on a head left a batch behind (entries written, the process gone before it signed), and signs the log to its end", async () => {
    const first = (await make()).open();
    for (let i = 0; i < 3; i++) await first.record(view(i));
    await first.close();
    const lines = await place!.stored();
    const last = JSON.parse(lines.at(-1)!) as AuditEntry;
    const unsigned = chainEntry(view(3), { seq: last.seq, prev: last.hash }, now);
    await place!.replace([...lines, JSON.stringify(unsigned)]);
    const log = place!.open();
    await log.record(view(4));
    expect(await log.check()).toMatchObject({ ok: true, count: 5, head: "signed", headSeq: 5 });
    // But an entry after the head that does not chain on is not signed over.
    const broken = (await place!.stored()).map((l, i) => (i === 3 ? l.replace('"plan3"', '"plan8"') : l));
    await place!.replace(broken.slice(0, 4));
    const again = place!.open();
    await again.record(view(5));
    expect((await again.check()).ok).toBe(false);
  });

  it("reports reordered entries as broken", async () => {
    const log = (await make()).open();
    for (let i = 0; i < 3; i++) await log.record(view(i));
    const [a, b, c] = await place!.stored();
    await place!.replace([a, c, b]);
    expect(await place!.open().check()).toMatchObject({ ok: false, problems: [expect.stringMatching(/Entry 2 of 3/)] });
  });

  it("folds 200 failed sign-ins in a minute into two chained entries carrying the total, and writes an open count on closing", async () => {
    const log = (await make()).open();
    const failed: AuditInput = { actor: "anonymous", action: "sign-in-failed", ip: "10.0.0.9", outcome: "refused" };
    for (let i = 0; i < 200; i++) await log.recordRepeat(failed, "casey");
    expect(await log.lines()).toHaveLength(1);
    now = new Date(now.getTime() + 61_000);
    await log.flushRepeats();
    expect((await log.lines()).map((l) => (JSON.parse(l) as AuditEntry).count ?? 1)).toEqual([1, 199]);
    for (let i = 0; i < 5; i++) await log.recordRepeat(failed, "casey");
    await log.close();
    expect((await place!.stored()).map((l) => (JSON.parse(l) as AuditEntry).count ?? 1)).toEqual([1, 199, 1, 4]);
    expect(await place!.open().check()).toMatchObject({ ok: true, count: 4 });
  });
});

describePostgres("the PostgreSQL audit log shared by several processes", () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await freshSchema();
    await migrate(schema.pool({ max: 1 }));
  });
  afterEach(() => schema.drop());

  it("never forks the chain when two processes append at once", async () => {
    // Two pools, two logs: what two Coplan processes on one database each hold.
    const a = new PgAuditLog(schema.pool({ max: 4 }), clock, signer);
    const b = new PgAuditLog(schema.pool({ max: 4 }), clock, signer);
    const calls: Promise<AuditEntry>[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 10; i++) calls.push(a.record({ ...view(i), actor: "process-a" }), b.record({ ...view(i), actor: "process-b" }));
      await new Promise((r) => setImmediate(r));
    }
    const entries = await Promise.all(calls);
    expect(new Set(entries.map((e) => e.seq)).size).toBe(400);
    const lines = await a.lines();
    expect(verifyChain(lines)).toEqual({ ok: true, count: 400 });
    expect(new Set(lines.map((l) => (JSON.parse(l) as AuditEntry).actor))).toEqual(new Set(["process-a", "process-b"]));
    expect(await a.check()).toMatchObject({ ok: true, count: 400, head: "signed", headSeq: 400 });
    expect(await b.check()).toMatchObject({ ok: true, count: 400, head: "signed", headSeq: 400 });
    // Each process's own entries keep its call order.
    for (const actor of ["process-a", "process-b"]) {
      const mine = entries.filter((e) => e.actor === actor);
      expect(mine.map((e) => e.seq)).toEqual([...mine.map((e) => e.seq)].sort((x, y) => x - y));
    }
  });

  it("reports a head row put back to an older signed head, with the entries after it deleted, as broken", async () => {
    const pool = schema.pool({ max: 2 });
    const log = new PgAuditLog(pool, clock, signer);
    for (let i = 0; i < 3; i++) await log.record(view(i));
    const { rows } = await pool.query<{ head: string }>("SELECT head FROM audit_head");
    const older = rows[0].head;
    for (let i = 3; i < 6; i++) await log.record(view(i));
    await pool.query("DELETE FROM audit_log WHERE seq > 3");
    await pool.query("UPDATE audit_head SET head = $1", [older]);
    const verdict = await log.check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toMatch(/cut off its end/);
  });
});
