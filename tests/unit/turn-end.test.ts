import { beforeEach, describe, expect, it } from "vitest";
import { turnEnd } from "../../src/turn-end.ts";

const checkPhase = (order: string[], name: string) => new Promise<void>((resolve) => setImmediate(() => resolve(void order.push(name))));

describe("the end of a turn of the event loop", () => {
  // Each test starts in a turn of its own, not in the jobs the last one ended in.
  beforeEach(() => new Promise<void>((resolve) => setTimeout(resolve, 1)));

  it("is the turn's check phase for callers in it, so the callbacks of one turn gather there", async () => {
    const order: string[] = [];
    await new Promise<void>((done) => {
      let left = 2;
      // Two callbacks of one turn (timers due together), each with work to gather at the turn's end.
      const caller = (name: string) => () => {
        order.push(`${name} called`);
        void turnEnd().then(() => {
          order.push(`${name} done`);
          if (--left === 0) done();
        });
      };
      setTimeout(caller("first"), 0);
      setTimeout(caller("second"), 0);
    });
    expect(order).toEqual(["first called", "second called", "first done", "second done"]);
  });

  it("is reached without waiting a turn more by work resumed at the turn's end", async () => {
    await turnEnd();
    // Now in the check phase: the journal acknowledges its saves from here, and their audit entries are made.
    const order: string[] = [];
    const nextTurn = checkPhase(order, "next turn's check phase");
    const here = Promise.resolve()
      .then(() => turnEnd())
      .then(() => order.push("this turn's end"));
    await Promise.all([nextTurn, here]);
    expect(order).toEqual(["this turn's end", "next turn's check phase"]);
  });

  it("is the next check phase again once the jobs resumed there have run", async () => {
    await turnEnd();
    await new Promise<void>((resolve) => process.nextTick(resolve)); // the jobs of that turn's end have run
    const order: string[] = [];
    const queuedFirst = checkPhase(order, "queued first");
    const end = turnEnd().then(() => order.push("turn end"));
    await Promise.all([queuedFirst, end]);
    expect(order).toEqual(["queued first", "turn end"]);
  });
});
