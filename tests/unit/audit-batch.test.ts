import { mkdtempSync, rmSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AuditEntry, AuditLog, entryHash, newEntryCanonical, verifyChain } from "../../src/audit/audit-log.ts";
import { canonicalJson, sha256Hex } from "../../src/signing/canonical.ts";
import { generateKeyPairSync } from "node:crypto";
import { signerFrom } from "../../src/signing/keys.ts";

let dir: string;
let file: string;
const clock = () => new Date("2025-03-01T09:00:00Z");
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "coplan-audit-"));
  file = join(dir, "audit.log");
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function recordMany(log: AuditLog, count: number, from = 0): Promise<AuditEntry>[] {
  return Array.from({ length: count }, (_, i) => log.record({ actor: "u1", action: "plan-viewed", detail: `call ${from + i}`, ip: "127.0.0.1" }));
}

/** node:fs/promises does not export the FileHandle class; its methods are spied on through a handle. */
async function fileHandlePrototype(): Promise<FileHandle> {
  const handle = await open(file, "r");
  await handle.close();
  return Object.getPrototypeOf(handle);
}

describe("the audit log under concurrent records", () => {
  it("chains 200 records made at once in the order they were made", async () => {
    const log = new AuditLog(file, clock, signer);
    const entries = await Promise.all(recordMany(log, 200));
    const lines = await log.lines();
    expect(verifyChain(lines)).toEqual({ ok: true, count: 200 });
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(entries.map((e) => e.detail)).toEqual(Array.from({ length: 200 }, (_, i) => `call ${i}`));
    expect(lines.map((l) => JSON.parse(l))).toEqual(entries);
  });

  it("lets a new log carry the chain on after concurrent records", async () => {
    const entries = await Promise.all(recordMany(new AuditLog(file, clock, signer), 200));
    const next = await new AuditLog(file, clock, signer).record({ actor: "u2", action: "sign-in", ip: "127.0.0.1" });
    expect(next.seq).toBe(201);
    expect(next.prev).toBe(entries[199].hash);
    expect(verifyChain(await new AuditLog(file, clock, signer).lines())).toEqual({ ok: true, count: 201 });
  });

  it("keeps call order for records made before and just as the last entry is read", async () => {
    await new AuditLog(file, clock, signer).record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    const log = new AuditLog(file, clock, signer);
    const calls: Promise<AuditEntry>[] = [];
    const call = () => calls.push(...recordMany(log, 1, calls.length));
    // Reading the last entry ends by closing the file. From then on, record on every microtask, so
    // calls land on both sides of the moment the state becomes known.
    const fileHandle = await fileHandlePrototype();
    const read = fileHandle.read;
    let burst: Promise<void> | undefined;
    vi.spyOn(fileHandle, "read").mockImplementation(async function (this: FileHandle, ...args: unknown[]) {
      const close = this.close; // each handle's own property, not the prototype's
      this.close = async () => {
        await close();
        burst ??= (async () => {
          for (let i = 0; i < 20; i++) {
            call();
            await null;
          }
        })();
      };
      return (read as (...a: unknown[]) => ReturnType<FileHandle["read"]>).apply(this, args);
    });
    for (let i = 0; i < 5; i++) call();
    while (!burst) await new Promise((r) => setImmediate(r));
    await burst;
    call();
    const entries = await Promise.all(calls);
    expect(entries.map((e) => e.detail)).toEqual(Array.from({ length: 26 }, (_, i) => `call ${i}`));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 2));
    expect(verifyChain(await log.lines())).toEqual({ ok: true, count: 27 });
  });

  it("writes the entries of requests finishing together in one append", async () => {
    const log = new AuditLog(file, clock, signer);
    await Promise.all(recordMany(log, 1)); // the chain's state is read from the file
    const appends = vi.spyOn(AuditLog.prototype as unknown as { appendLines: (text: string) => void }, "appendLines");
    // Requests finish one after another, each after some awaits of its own, all in one turn.
    const calls: Promise<AuditEntry>[] = [];
    for (let i = 0; i < 5; i++) {
      calls.push(...recordMany(log, 1, i));
      for (let tick = 0; tick < 3; tick++) await null;
    }
    await Promise.all(calls);
    expect(appends).toHaveBeenCalledTimes(1);
    expect(verifyChain(await log.lines())).toEqual({ ok: true, count: 6 });
  });

  it("fails a failed write's batch, then carries on from the file", async () => {
    const log = new AuditLog(file, clock, signer);
    const written = await Promise.all(recordMany(log, 3));
    // The one place the log writes its file (a private method, spied on through the prototype).
    vi.spyOn(AuditLog.prototype as unknown as { appendLines: () => void }, "appendLines").mockImplementationOnce(() => {
      throw new Error("disk full");
    });
    const failed = await Promise.allSettled(recordMany(log, 5, 3));
    expect(failed.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
    const next = await log.record({ actor: "u1", action: "sign-out", ip: "127.0.0.1" });
    expect(next.seq).toBe(4);
    expect(next.prev).toBe(written[2].hash);
    expect(verifyChain(await log.lines())).toEqual({ ok: true, count: 4 });
  });

  it("hashes a new entry exactly as reading it back does, with or without its optional members", async () => {
    const base = { seq: 12, at: "2026-11-28T09:00:00.000Z", actor: "u1", action: "plan-viewed" as const, ip: "::ffff:127.0.0.1", prev: "a".repeat(64) };
    const shapes = [
      base,
      { ...base, outcome: "ok" as const },
      { ...base, record: "AbCdEfGhIjKlMnOp", outcome: "refused" as const },
      { ...base, detail: 'GET /plans/:id 200 "quoted" \\ back\nslash ünïcödé 王', outcome: "ok" as const },
      { ...base, record: "r", detail: "d", outcome: "ok" as const, actor: "client-link" },
      { ...base, detail: "username #0123456789ab; 36 more", count: 36, outcome: "refused" as const },
    ];
    for (const entry of shapes) expect(newEntryCanonical(entry)).toBe(canonicalJson(entry));
    // And through the log: every entry it writes verifies.
    const log = new AuditLog(file, clock, signer);
    await log.record({ actor: "u1", action: "plan-viewed", record: "AbCdEfGhIjKlMnOp", detail: "GET /plans/:id 200", ip: "127.0.0.1" });
    await log.record({ actor: "anonymous", action: "sign-in-failed", ip: "127.0.0.1", outcome: "refused" });
    const lines = await log.lines();
    for (const line of lines) {
      const { hash, ...rest } = JSON.parse(line) as AuditEntry;
      expect(entryHash(rest)).toBe(hash);
    }
    expect(verifyChain(lines)).toEqual({ ok: true, count: 2 });
  });
});

describe("reading entries back", () => {
  it("hashes an entry read back exactly as the generic canonical JSON does, whatever its members", () => {
    const base = { seq: 3, at: "2026-11-28T09:00:00.000Z", actor: "u1", action: "plan-viewed", ip: "127.0.0.1", outcome: "ok", prev: "a".repeat(64) };
    const shapes: Record<string, unknown>[] = [
      base,
      { ...base, count: 12, detail: "x", record: "r" },
      { ...base, extra: "added by hand" },
      { ...base, detail: { nested: true, a: [1, 2] } },
      { ...base, seq: "3" },
      { ...base, count: null },
      { seq: 3, prev: "a".repeat(64) },
    ];
    for (const entry of shapes) expect(entryHash(entry as never)).toBe(sha256Hex(canonicalJson(entry)));
  });
});
