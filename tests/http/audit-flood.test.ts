import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit/audit-log.ts";
import { buildApp, ORIGIN } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

describe("a flood of failed sign-ins in the audit log", () => {
  it("folds 200 failed and locked-out sign-ins for one username from one address in a minute into a few counted entries", async () => {
    const { raw, deps, clock } = await buildApp();
    const before = (await deps.audit.lines()).length;
    for (let i = 0; i < 200; i++) {
      const res = await raw.request(`${ORIGIN}/signin`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
        body: new URLSearchParams({ username: "casey", password: `wrong-password-${i}` }),
      });
      expect([401, 429]).toContain(res.status);
      clock.t = new Date(clock.t.getTime() + 250); // 50 s in all
    }
    const during = (await deps.audit.lines()).slice(before);
    expect(during.length).toBeLessThanOrEqual(2);
    // The minute over, the counts are written (a timer does it in the running server).
    clock.t = new Date(clock.t.getTime() + 61_000);
    await deps.audit.flushRepeats();
    const entries = (await deps.audit.lines()).slice(before).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries.length).toBeLessThanOrEqual(4);
    expect(entries.every((e) => e.action === "sign-in-failed" || e.action === "sign-in-throttled")).toBe(true);
    expect(entries.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(200);
    expect(entries.some((e) => (e.count ?? 1) > 100)).toBe(true);
  }, 60_000);
});

describe("a flood of wrong review-link tokens in the audit log", () => {
  it("folds 150 refused tokens for one plan from one address into a few counted entries", async () => {
    const { raw, deps, clock, store } = await buildApp();
    const plan = await signedPlan(store, "owner");
    const before = (await deps.audit.lines()).length;
    for (let i = 0; i < 150; i++) {
      const res = await raw.request(`${ORIGIN}/r/${plan.id}/${String(i).padStart(43, "x")}`);
      expect(res.status).toBe(404);
      clock.t = new Date(clock.t.getTime() + 300);
    }
    clock.t = new Date(clock.t.getTime() + 61_000);
    await deps.audit.flushRepeats();
    const entries = (await deps.audit.lines()).slice(before).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries.every((e) => e.action === "review-link-refused" && e.record === plan.id)).toBe(true);
    expect(entries.length).toBeLessThanOrEqual(4);
    expect(entries.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(150);
  }, 60_000);
});
