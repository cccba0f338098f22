import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { lockDataDir } from "../../src/store/lock.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, tempDir } from "../helpers/app.ts";

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const found: { path: string; dir: boolean; mode: number }[] = [];
  const walk = (d: string) => {
    found.push({ path: d, dir: true, mode: statSync(d).mode & 0o777 });
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else found.push({ path: p, dir: false, mode: statSync(p).mode & 0o777 });
    }
  };
  walk(dir);
  return found;
}

describe("the data folder's permissions", () => {
  it("makes every file 0600 and every folder 0700, so only Coplan's own account can read case data", async () => {
    // A permissive umask must not widen them: Coplan asks for the modes it wants.
    const umask = process.umask(0o022);
    try {
      const dataDir = join(tempDir(), "data"); // made by Coplan itself
      const unlock = lockDataDir(dataDir);
      const { store, user, deps } = await buildApp(dataDir); // an account, a sign-in (audited)
      const plan = await createPlan(store, SETUP, user.id);
      await sendEvent(store, plan.id, plan.rev, { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: "Keep my flat" } });
      // Checkpoint and close, so the plan file, the journal and the saved index are all written,
      // and one more save by a store opened again, so a journal segment is on disk as the listing is made.
      await store.checkpoint!();
      await store.close!();
      const reopened = new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize });
      await createPlan(reopened, SETUP, user.id);
      await deps.audit.close();
      const all = modes(dataDir);
      const names = all.map((f) => f.path.slice(dataDir.length));
      expect(names).toEqual(expect.arrayContaining(["", "/plans", "/journal", "/users.json", "/audit.log", "/plans-index.json", "/coplan.lock", `/plans/${plan.id}.json`]));
      expect(all.filter((f) => f.dir && f.mode !== 0o700).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
      expect(all.filter((f) => !f.dir && f.mode !== 0o600).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
      unlock();
    } finally {
      process.umask(umask);
    }
  });
});
