/** The supervisor's view: what needs attention first, and the other orders (issue 19, item 13). */
import { describe, expect, it } from "vitest";
import { concernsOf, type OversightRow, sortOversight } from "../../src/plans/caseload.ts";

const TODAY = "2027-02-20";
const row = (id: string, over: Partial<Omit<OversightRow, "concerns">> = {}, signed = true): OversightRow => {
  const base = { id, clientName: id, managerName: "Casey", signature: { key: "supervisor.signature.signed" }, openFindings: [], dismissed: [], overdue: [], latest: { at: "2027-02-19T10:00:00Z", what: { key: "x" } }, ...over };
  return { ...base, concerns: concernsOf(base, signed, TODAY) };
};
const overdue = (n: number) => Array.from({ length: n }, (_, i) => ({ description: `a${i}`, due: "2027-01-15" }));
const finding = { message: { key: "m" }, severity: "warning" };

describe("what needs attention first", () => {
  const rows = [
    row("calm"),
    row("findings", { openFindings: [finding, finding] }),
    row("quiet", { latest: { at: "2026-12-01T10:00:00Z", what: { key: "x" } } }),
    row("one-overdue", { overdue: overdue(1) }),
    row("never-touched", { latest: undefined }),
    row("three-overdue", { overdue: overdue(3) }),
    row("broken", { sealProblem: "This record no longer matches its signatures" }),
  ];
  it("puts a broken seal, then the most overdue, then quiet plans, then open findings, then the rest", () => {
    expect(sortOversight(rows, "attention").map((r) => r.id)).toEqual(["broken", "three-overdue", "one-overdue", "never-touched", "quiet", "findings", "calm"]);
  });
  it("sorts the longest without progress first, never recorded before all", () => {
    expect(sortOversight(rows, "quiet").map((r) => r.id).slice(0, 2)).toEqual(["never-touched", "quiet"]);
  });
  it("says why (as messages for the reader's language), and nothing for a plan that needs nothing", () => {
    expect(rows.find((r) => r.id === "three-overdue")!.concerns).toEqual([{ key: "supervisor.concern.overdue", values: { count: 3 } }]);
    expect(rows.find((r) => r.id === "quiet")!.concerns).toEqual([{ key: "supervisor.concern.quiet", values: { days: 30 } }]);
    expect(rows.find((r) => r.id === "calm")!.concerns).toEqual([]);
    // A draft is not expected to have progress yet.
    expect(row("draft", { latest: undefined }, false).concerns).toEqual([]);
  });
});
