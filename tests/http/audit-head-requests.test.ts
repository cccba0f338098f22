import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit/audit-log.ts";
import { buildApp, ORIGIN } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";

describe("HEAD requests in the audit log", () => {
  it("records a HEAD request for a plan as a view, never as a change", async () => {
    const { app, store, user, deps } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const before = (await deps.audit.lines()).length;
    const res = await app.request(`${ORIGIN}/plans/${plan.id}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    const entries = (await deps.audit.lines()).slice(before).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "plan-viewed", record: plan.id, outcome: "ok" });
    // A HEAD for a plan that does not exist is not recorded as a refused change either.
    const missing = await app.request(`${ORIGIN}/plans/AAAAAAAAAAAAAAAAAAAAAA`, { method: "HEAD" });
    expect(missing.status).toBe(404);
    const after = (await deps.audit.lines()).slice(before + 1).map((l) => JSON.parse(l) as AuditEntry);
    expect(after.filter((e) => e.action === "plan-changed")).toEqual([]);
  });
});
