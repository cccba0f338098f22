import { describe, expect, it } from "vitest";
import { completeConversation, newOutcome, Stopped } from "../../scripts/support/simulated-user.ts";
import { addUser, buildApp, ORIGIN } from "../helpers/app.ts";

// The short version of `npm run load` (50 users for 60 s against a server process): in-process, a few seconds.
const USERS = 50;
const SECONDS = 4;

describe("50 simulated users, each going through whole conversations again and again", () => {
  it("finishes every conversation with no error and no 5xx", async () => {
    const { raw, deps } = await buildApp();
    // Ten case managers with five people each at their desks: a session per person, as after signing in.
    const managers = await Promise.all(Array.from({ length: 10 }, (_, i) => addUser(deps, "case-manager", `cm${i}`)));
    const cookies = await Promise.all(Array.from({ length: USERS }, async (_, i) => `coplan_session=${await deps.sessions.create(managers[i % managers.length].id)}`));
    const outcome = newOutcome();
    const request = (path: string, init?: RequestInit) => raw.request(`${ORIGIN}${path}`, init);
    const deadline = performance.now() + SECONDS * 1000;
    const done = await Promise.all(
      cookies.map(async (cookie, u) => {
        let n = 0;
        try {
          for (;;) {
            // The first conversation is always finished, however slow the machine: a run that
            // stopped everyone half-way would check none of the steps that come late (signing).
            await completeConversation(request, ORIGIN, cookie, outcome, `${u}-${n}`, n === 0 ? Infinity : deadline);
            n++;
          }
        } catch (err) {
          if (!(err instanceof Stopped)) throw err; // a ConversationError: an answer was refused or failed
        }
        return n;
      }),
    );
    expect(Object.keys(outcome.statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(outcome.requests).toBeGreaterThanOrEqual(USERS);
    // Every conversation that got to its end is signed and sealed in the store.
    expect(done.every((n) => n >= 1), `conversations finished per user: ${done.join(" ")}`).toBe(true);
    const signed = (await deps.store.list()).filter((p) => p.step === "signed");
    expect(signed).toHaveLength(done.reduce((a, b) => a + b, 0));
  });
});
