/**
 * Issue 23 on PostgreSQL: a phone whose event stream is held by one process hears an answer saved
 * through another (LISTEN/NOTIFY into deps.planEvents), within a second.
 */
import { expect, it } from "vitest";
import type { PgPlanStore } from "../../src/store/pg-store.ts";
import { createPlanViaForm, get, ORIGIN, post, revOf, tempDir, text } from "../helpers/app.ts";
import { describePostgres, processesOnPostgres } from "../helpers/postgres.ts";

async function until(what: string, ok: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describePostgres("the client's phone on PostgreSQL, across processes", () => {
  const processes = processesOnPostgres();

  it("a phone following process B sees an answer given through process A within a second", async () => {
    const dataDir = tempDir();
    const a = await processes.app(dataDir);
    const b = await processes.app(dataDir);
    await Promise.all([a.store.init(), b.store.init()]);
    await until("both to hear changes", () => (a.store as PgPlanStore).hearingChanges && (b.store as PgPlanStore).hearingChanges);

    const id = await createPlanViaForm(a.app);
    const page = await (await get(a.app, `/plans/${id}`)).text();
    const made = text(await (await post(a.app, `/plans/${id}/companion`, { rev: revOf(page) })).text());
    const path = new URL(made.match(/id="new-companion-link">([^<]+)</)![1]).pathname;
    const rev = Number(revOf(await (await get(a.app, `/plans/${id}`)).text()));

    const res = await b.raw.request(`${ORIGIN}${path}/events?rev=${rev}`);
    expect(res.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    const read = async (want: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!seen.includes(want)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${want}" within ${ms} ms; got:\n${seen}`);
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no "${want}" within ${ms} ms`)), left))]);
        if (chunk.done) throw new Error("stream closed");
        seen += chunk.value;
      }
    };
    await read("event: hello", 2000);
    const t0 = Date.now();
    expect((await post(a.app, `/plans/${id}/goals`, { rev: String(rev), issue: "Housing at risk", clientWords: "Said through process A" })).status).toBe(303);
    await read("Said through process A", 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(seen).toContain(`id: ${rev + 1}`);
    await reader.cancel();
  });
});
