import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AuditEntry, AuditLog, entryHash } from "../../src/audit/audit-log.ts";
import { GENESIS } from "../../src/audit/chain.ts";
import { HEAD_EVERY_MS, HEAD_SIZE, signHead } from "../../src/audit/head.ts";
import { signerFrom } from "../../src/signing/keys.ts";

let dir: string;
let file: string;
let headFile: string;
const clock = () => new Date("2026-03-01T09:00:00Z");
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);
const stranger = signerFrom(generateKeyPairSync("ed25519").privateKey);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "coplan-audit-head-"));
  file = join(dir, "audit.log");
  headFile = join(dir, "audit-head.json");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** A log of `n` entries written through AuditLog, so its head is signed; closed, as at shutdown. */
async function written(n: number): Promise<AuditEntry[]> {
  const log = new AuditLog(file, clock, signer);
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(await log.record({ actor: "u1", action: "plan-viewed", record: `plan${i}`, ip: "127.0.0.1" }));
  await log.close();
  return entries;
}

const reopen = () => new AuditLog(file, clock, signer);
const readLines = () => readFileSync(file, "utf8").split("\n").filter(Boolean);
const writeLines = (lines: string[]) => writeFileSync(file, lines.map((l) => `${l}\n`).join(""));

/** The chain worked out again from the first entry, as someone with the files but not the key could. */
function rehashed(entries: Omit<AuditEntry, "hash" | "prev">[]): string[] {
  let prev = GENESIS;
  return entries.map((e, i) => {
    const body = { ...e, seq: i + 1, prev };
    const hash = entryHash(body);
    prev = hash;
    return JSON.stringify({ ...body, hash });
  });
}

describe("the audit log's signed head", () => {
  it("reports an untouched log as intact and signed, also after a restart and more entries", async () => {
    await written(5);
    expect(readFileSync(headFile).length).toBe(HEAD_SIZE);
    expect(await reopen().check()).toMatchObject({ ok: true, count: 5, head: "signed", headSeq: 5, since: 0 });
    const log = reopen();
    await log.record({ actor: "u2", action: "sign-in", ip: "127.0.0.1" });
    expect(await log.check()).toMatchObject({ ok: true, count: 6, headSeq: 6 });
  });

  it("reports a log cut by one entry as broken, in the running process and after a restart", async () => {
    const log = new AuditLog(file, clock, signer);
    for (let i = 0; i < 4; i++) await log.record({ actor: "u1", action: "plan-viewed", ip: "127.0.0.1" });
    writeLines(readLines().slice(0, -1));
    const running = await log.check();
    expect(running.ok).toBe(false);
    expect(running.problems.join(" ")).toMatch(/ends at entry 3, but Coplan signed it with 4 entries: entries 4 to 4 were cut off its end/);
    await log.close();
    expect((await reopen().check()).ok).toBe(false);
  });

  it("does not sign over a cut found at start: new entries are kept, the log stays broken", async () => {
    await written(4);
    writeLines(readLines().slice(0, -2));
    const log = reopen();
    const next = await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    expect(next.seq).toBe(3);
    const verdict = await log.check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toMatch(/signed it with 4 entries/);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining("does not match its signed head"));
    // Carried on past the signed length, the log still differs from what was signed, now and after a restart.
    for (let i = 0; i < 5; i++) await log.record({ actor: "u1", action: "plan-viewed", ip: "127.0.0.1" });
    expect((await log.check()).problems.join(" ")).toMatch(/Entry 4 is not the one Coplan signed/);
    await log.close();
    expect((await reopen().check()).ok).toBe(false);
  });

  it("reports an edited log whose whole chain was worked out again as broken", async () => {
    await written(4);
    const entries = readLines().map((l) => JSON.parse(l) as AuditEntry);
    entries[1] = { ...entries[1], record: "someone-else" };
    writeLines(rehashed(entries.map(({ hash: _h, prev: _p, ...rest }) => rest)));
    const verdict = await reopen().check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toMatch(/Entry 4 is not the one Coplan signed/);
  });

  it("reports a cut and re-hashed log, even one cut to nothing but a new entry, as broken", async () => {
    await written(3);
    const first = JSON.parse(readLines()[0]) as AuditEntry;
    writeLines(rehashed([{ ...first, seq: 1 }]));
    expect((await reopen().check()).ok).toBe(false);
  });

  it("reports reordered entries as broken", async () => {
    await written(4);
    const lines = readLines();
    writeLines([lines[0], lines[2], lines[1], lines[3]]);
    const verdict = await reopen().check();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(/^Entry 2 of 4: an entry is missing or out of order/);
  });

  it("refuses a head made for a cut log without the installation's key", async () => {
    await written(4);
    writeLines(readLines().slice(0, -1));
    const last = JSON.parse(readLines().at(-1)!) as AuditEntry;
    // Signed with another key: the key id gives it away.
    writeFileSync(headFile, JSON.stringify(signHead(stranger, { seq: last.seq, hash: last.hash }, 0, clock())));
    let verdict = await reopen().check();
    expect(verdict).toMatchObject({ ok: false, head: "bad" });
    expect(verdict.problems.join(" ")).toMatch(/signed with another key/);
    // Another key's signature under this installation's key id: the signature gives it away.
    writeFileSync(headFile, JSON.stringify({ ...signHead(stranger, { seq: last.seq, hash: last.hash }, 0, clock()), keyId: signer.keyId }));
    verdict = await reopen().check();
    expect(verdict).toMatchObject({ ok: false, head: "bad" });
    expect(verdict.problems.join(" ")).toMatch(/does not carry the installation's signature/);
    // And the log, restarted, does not sign over the forged head.
    const log = reopen();
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    expect((await log.check()).ok).toBe(false);
  });

  it("accepts a head one batch behind the log (a crash between the two writes) and carries on", async () => {
    await written(3);
    copyFileSync(headFile, join(dir, "head-at-3"));
    await written(2);
    copyFileSync(join(dir, "head-at-3"), headFile);
    expect(await reopen().check()).toMatchObject({ ok: true, count: 5, headSeq: 3 });
    const log = reopen();
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    expect(await log.check()).toMatchObject({ ok: true, count: 6, headSeq: 6 });
  });

  it("checks an older log without a head by its chain alone, says so, and signs it from the next entry on", async () => {
    await written(3);
    rmSync(headFile);
    expect(await reopen().check()).toMatchObject({ ok: true, count: 3, head: "none", headSeq: 0 });
    const log = reopen();
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    expect(await log.check()).toMatchObject({ ok: true, count: 4, head: "signed", headSeq: 4, since: 3 });
    // A cut of the older part shows too, once the head is signed.
    await log.close();
    writeLines(readLines().slice(1));
    expect((await reopen().check()).ok).toBe(false);
  });

  it("signs the head once per written batch, not once per entry", async () => {
    const sign = vi.fn(signer.sign);
    const log = new AuditLog(file, clock, { ...signer, sign });
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    sign.mockClear();
    await Promise.all(Array.from({ length: 50 }, () => log.record({ actor: "u1", action: "plan-viewed", ip: "127.0.0.1" })));
    expect(await log.check()).toMatchObject({ ok: true, count: 51, headSeq: 51 });
    expect(sign).toHaveBeenCalledTimes(1);
  });

  it("signs batches written one after another once, and the head on disk catches up within moments", async () => {
    const sign = vi.fn(signer.sign);
    const log = new AuditLog(file, clock, { ...signer, sign });
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    await new Promise((r) => setTimeout(r, HEAD_EVERY_MS * 3));
    sign.mockClear();
    // Page views one after another, each its own batch (as a busy server writes them): a signature
    // each cost every page view ~50 µs, a sixth of a cached page's own work.
    const started = performance.now();
    for (let i = 0; i < 40; i++) await log.record({ actor: "u1", action: "plan-viewed", ip: "127.0.0.1" });
    const took = performance.now() - started;
    expect(sign.mock.calls.length).toBeLessThanOrEqual(Math.ceil(took / HEAD_EVERY_MS) + 1);
    expect(sign.mock.calls.length).toBeLessThan(40);
    // Without anyone asking, the head on disk covers every entry soon after.
    await new Promise((r) => setTimeout(r, HEAD_EVERY_MS * 3));
    expect(JSON.parse(readFileSync(headFile, "utf8")).seq).toBe(41);
    await log.record({ actor: "u1", action: "sign-out", ip: "127.0.0.1" });
    // A check, and a shutdown, sign what is written at once.
    expect(await log.check()).toMatchObject({ ok: true, count: 42, headSeq: 42 });
    await log.record({ actor: "u1", action: "sign-in", ip: "127.0.0.1" });
    await log.close();
    expect(JSON.parse(readFileSync(headFile, "utf8")).seq).toBe(43);
    expect(await reopen().check()).toMatchObject({ ok: true, count: 43, headSeq: 43 });
  });

  it("runs one whole-log check at a time: a second waits for the first to finish", async () => {
    await written(300);
    const log = reopen();
    const seen: string[] = [];
    const [a, b] = await Promise.all([log.check(() => seen.push("a")), log.check(() => seen.push("b"))]);
    expect(a.ok && b.ok).toBe(true);
    expect(seen.join("")).toBe("a".repeat(300) + "b".repeat(300));
  });
});
