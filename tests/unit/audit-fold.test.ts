import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AuditEntry, type AuditInput, AuditLog, verifyChain } from "../../src/audit/audit-log.ts";
import { MAX_FOLDS, RepeatFolder, usernameKey } from "../../src/audit/fold.ts";
import { signerFrom } from "../../src/signing/keys.ts";

const clock = { t: new Date("2026-11-24T10:00:00Z") };
const now = () => clock.t;
const later = (ms: number) => (clock.t = new Date(clock.t.getTime() + ms));
const failed = (ip = "10.0.0.1", actor = "anonymous"): AuditInput => ({ actor, action: "sign-in-failed", ip, outcome: "refused" });
const total = (inputs: AuditInput[]) => inputs.reduce((n, e) => n + (e.count ?? 1), 0);

describe("folding repeated refusals", () => {
  it("writes the first of 200 in a minute at once and the other 199 as one counted entry when the minute ends", () => {
    const folder = new RepeatFolder(now);
    const out: AuditInput[] = [];
    for (let i = 0; i < 200; i++) {
      const { write, closed } = folder.take(failed(), "casey");
      if (write) out.push(write);
      out.push(...closed);
      later(200); // 40 s in all
    }
    expect(out).toHaveLength(1);
    expect(folder.due()).toEqual([]); // the minute is not over yet
    later(20_001);
    const due = folder.due();
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ action: "sign-in-failed", ip: "10.0.0.1", count: 199, outcome: "refused" });
    expect(due[0].detail).toMatch(/^username #[0-9a-f]{12}; 199 more in the minute from 10:00:00 UTC$/);
    expect(total([...out, ...due])).toBe(200);
    expect(folder.size).toBe(0);
  });

  it("keeps addresses, usernames and actions apart, and a username only as a short hash", () => {
    const folder = new RepeatFolder(now);
    const writes = [
      folder.take(failed("10.0.0.1"), "casey").write,
      folder.take(failed("10.0.0.2"), "casey").write,
      folder.take(failed("10.0.0.1"), "sam").write,
      folder.take({ ...failed("10.0.0.1"), action: "sign-in-throttled" }, "casey").write,
      folder.take(failed("10.0.0.1"), "casey").write,
    ];
    expect(writes.filter(Boolean)).toHaveLength(4);
    expect(writes[0]!.detail).toBe(`username #${usernameKey("casey")}`);
    expect(JSON.stringify(writes)).not.toContain("casey");
  });

  it("caps a username's length before hashing it", () => {
    const long = "a".repeat(250_000);
    expect(usernameKey(long)).toHaveLength(12);
    expect(usernameKey(long)).toBe(usernameKey("a".repeat(256)));
  });

  it("folds many usernames from one address into one entry past ten, and many addresses for one username", () => {
    const folder = new RepeatFolder(now);
    const names = Array.from({ length: 100 }, (_, i) => folder.take(failed("10.0.0.9"), `user${i}`).write).filter(Boolean);
    expect(names).toHaveLength(11);
    expect(names[10]!.detail).toBe("various usernames");
    const addresses = Array.from({ length: 100 }, (_, i) => folder.take(failed(`10.1.0.${i}`), "victim").write).filter(Boolean);
    expect(addresses).toHaveLength(11);
    later(60_000);
    const due = folder.due();
    expect(total([...names, ...addresses, ...due] as AuditInput[])).toBe(200);
    expect(due.find((d) => d.ip === "various")).toMatchObject({ count: 89 });
  });

  it("holds at most MAX_FOLDS open folds, whatever comes in, and folds the rest together", () => {
    const folder = new RepeatFolder(now);
    let written = 0;
    for (let i = 0; i < MAX_FOLDS + 3_000; i++) if (folder.take(failed(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`), `user${i}`).write) written++;
    expect(folder.size).toBeLessThanOrEqual(MAX_FOLDS + 1);
    expect(written).toBe(MAX_FOLDS + 1);
    later(60_000);
    expect(total(folder.due())).toBe(2_999);
  });
});

describe("the audit log's folded records", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes 200 failures in a minute as two chained entries carrying the total", async () => {
    dir = mkdtempSync(join(tmpdir(), "coplan-audit-fold-"));
    const log = new AuditLog(join(dir, "audit.log"), now, signerFrom(generateKeyPairSync("ed25519").privateKey));
    for (let i = 0; i < 200; i++) await log.recordRepeat(failed(), "casey");
    expect(await log.lines()).toHaveLength(1);
    later(61_000);
    await log.flushRepeats();
    const entries = (await log.lines()).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries).toHaveLength(2);
    expect(entries.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(200);
    expect(await log.check()).toMatchObject({ ok: true, count: 2 });
    expect(verifyChain(await log.lines()).ok).toBe(true);
  });

  it("writes a count still open when it closes", async () => {
    dir = mkdtempSync(join(tmpdir(), "coplan-audit-fold-"));
    const file = join(dir, "audit.log");
    const log = new AuditLog(file, now, signerFrom(generateKeyPairSync("ed25519").privateKey));
    for (let i = 0; i < 5; i++) await log.recordRepeat(failed(), "casey");
    await log.close();
    const entries = (await log.lines()).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries.map((e) => e.count ?? 1)).toEqual([1, 4]);
  });
});

describe("folding refusals without a username", () => {
  it("folds refused review links per address and plan, with the plan kept as the record", () => {
    const folder = new RepeatFolder(now);
    const refused = (record: string): AuditInput => ({ actor: "client-link", action: "review-link-refused", record, detail: "unknown", ip: "10.0.0.5", outcome: "refused" });
    const writes = [];
    for (let i = 0; i < 50; i++) writes.push(folder.take(refused("PlanA")).write, folder.take(refused("PlanB")).write);
    expect(writes.filter(Boolean)).toEqual([
      { actor: "client-link", action: "review-link-refused", record: "PlanA", detail: "unknown", ip: "10.0.0.5", outcome: "refused" },
      { actor: "client-link", action: "review-link-refused", record: "PlanB", detail: "unknown", ip: "10.0.0.5", outcome: "refused" },
    ]);
    later(60_000);
    const due = folder.due();
    expect(due.map((d) => [d.record, d.actor, d.count])).toEqual([["PlanA", "client-link", 49], ["PlanB", "client-link", 49]]);
  });

  it("names no single actor or record for a wide fold that counted several", () => {
    const folder = new RepeatFolder(now);
    for (let i = 0; i < 30; i++) folder.take(failed("10.0.0.7", `user-id-${i}`), `user${i}`);
    later(60_000);
    const wide = folder.due().find((d) => d.detail?.startsWith("various usernames"))!;
    expect(wide).toMatchObject({ actor: "anonymous", count: 19 });
  });
});
