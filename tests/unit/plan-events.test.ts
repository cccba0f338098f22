import { describe, expect, it, vi } from "vitest";
import { parsePlanPayload, PlanEvents, planPayload } from "../../src/store/plan-events.ts";

describe("the plan-changed bus", () => {
  it("tells every listener each change once, never an older one after a newer, and stops when asked", () => {
    const events = new PlanEvents();
    const heard: string[] = [];
    const stop = events.onPlanChanged((id, rev) => heard.push(`${id}@${rev}`));
    events.emitPlanChanged("p1", 2);
    events.emitPlanChanged("p1", 2); // the process's own save, echoed by PostgreSQL
    events.emitPlanChanged("p1", 1); // arrived late
    events.emitPlanChanged("p2", 1);
    events.emitPlanChanged("p1", 3);
    stop();
    events.emitPlanChanged("p1", 4);
    expect(heard).toEqual(["p1@2", "p2@1", "p1@3"]);
  });

  it("a listener that throws does not keep the change from the others", () => {
    const events = new PlanEvents();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const other = vi.fn();
    events.onPlanChanged(() => {
      throw new Error("boom");
    });
    events.onPlanChanged(other);
    events.emitPlanChanged("p1", 1);
    expect(other).toHaveBeenCalledWith("p1", 1);
    error.mockRestore();
  });

  it.each([
    ["plan_abc:7", { id: "plan_abc", rev: 7 }],
    ["x:0", null],
    ["x:-1", null],
    ["no-rev", null],
    ["a:b:1", null],
    ["", null],
  ])("reads the NOTIFY payload %j", (payload, expected) => {
    expect(parsePlanPayload(payload)).toEqual(expected);
  });

  it("writes what it reads", () => {
    expect(parsePlanPayload(planPayload("q1", 12))).toEqual({ id: "q1", rev: 12 });
  });
});
