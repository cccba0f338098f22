/**
 * With COPLAN_DATABASE_URL set, the audit log lives in PostgreSQL (issue 21): every request is
 * recorded there in the same words as in the file log, a change once, in its save's transaction;
 * the audit page reads it a hundred entries at a time and finds it intact; and nothing of it is
 * written to the data folder.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit/chain.ts";
import type { Deps } from "../../src/deps.ts";
import { addUser, buildApp, type Built, createPlanViaForm, get, post, revOf, signIn, text, withCookie } from "../helpers/app.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

const entries = async (deps: Deps) => (await deps.audit.lines()).map((l) => JSON.parse(l) as AuditEntry);

describePostgres("the audit log in PostgreSQL, through HTTP", () => {
  let schema: TestSchema;
  let built: Built | undefined;
  afterEach(async () => {
    await built?.deps.audit.close();
    await built?.store.close?.();
    await built?.deps.pool?.end();
    await schema?.drop();
  });

  const start = async () => {
    schema = await freshSchema();
    built = await buildApp(undefined, undefined, { COPLAN_DATABASE_URL: schema.url() });
    return built;
  };

  it("records each request for a plan once, in words, in the database and not in the data folder", async () => {
    const { app, deps, dataDir, user } = await start();
    const id = await createPlanViaForm(app);
    const html = await (await get(app, `/plans/${id}`)).text();
    await post(app, `/plans/${id}/goals`, { rev: revOf(html), issue: "Housing at risk", clientWords: "Keep my flat." });
    await post(app, `/plans/${id}/goals`, { rev: revOf(html), issue: "Income", clientWords: "A stale tab's words" });
    const mine = (await entries(deps)).filter((e) => e.record === id);
    expect(mine.map((e) => [e.action, e.detail, e.outcome])).toEqual([
      ["plan-created", undefined, "ok"],
      ["plan-viewed", "Viewed the plan", "ok"],
      ["plan-changed", "Saved an answer at goals", "ok"],
      ["plan-changed", "Saved an answer at goals: not saved: the plan had changed in another window (409)", "refused"],
    ]);
    expect(mine.every((e) => e.actor === user.id)).toBe(true);
    const { rows } = await schema.pool({ max: 1 }).query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log");
    expect(rows[0].n).toBe((await deps.audit.lines()).length);
    expect(existsSync(join(dataDir, "audit.log"))).toBe(false);
    expect(existsSync(join(dataDir, "audit-head.json"))).toBe(false);
  });

  it("does not save an answer whose audit entry cannot be written", async () => {
    const { app, store } = await start();
    const id = await createPlanViaForm(app);
    const html = await (await get(app, `/plans/${id}`)).text();
    // The database refuses the change's entry (a full disk, say): the change must not stay unrecorded.
    await schema.pool({ max: 1 }).query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.entry LIKE '%"action":"plan-changed"%' THEN RAISE EXCEPTION 'no room for the entry'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_change BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change();`);
    const res = await post(app, `/plans/${id}/goals`, { rev: revOf(html), issue: "Housing at risk", clientWords: "Keep my flat." });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect((await store.get(id))!.rev).toBe(Number(revOf(html)));
  });

  it("does not save a client's phone answer whose audit entry cannot be written, and records one that is saved with it", async () => {
    const { app, raw, store, deps } = await start();
    const id = await createPlanViaForm(app);
    const made = text(await (await post(app, `/plans/${id}/companion`, { rev: revOf(await (await get(app, `/plans/${id}`)).text()) })).text());
    const path = new URL(made.match(/id="new-companion-link">([^<]+)</)![1]).pathname;
    const rev = String((await store.get(id))!.rev);
    await schema.pool({ max: 1 }).query(`
      CREATE FUNCTION refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.entry LIKE '%"action":"companion-answer"%' THEN RAISE EXCEPTION 'no room for the entry'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_answer BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_answer();`);
    expect((await post(raw, `${path}/answer`, { rev, words: "A quiet place to live" })).status).toBeGreaterThanOrEqual(500);
    expect(String((await store.get(id))!.rev)).toBe(rev);
    await schema.pool({ max: 1 }).query("DROP TRIGGER refuse_answer ON audit_log");
    expect((await post(raw, `${path}/answer`, { rev, words: "A quiet place to live" })).status).toBe(303);
    expect((await store.get(id))!.rev).toBe(Number(rev) + 1);
    expect((await entries(deps)).filter((e) => e.action === "companion-answer" && e.record === id)).toHaveLength(1);
  });

  it("records a supervisor's note and a reassignment once each, with whom the plan went to", async () => {
    const { app, raw, deps } = await start();
    const id = await createPlanViaForm(app);
    const sam = await addUser(deps, "supervisor", "sam");
    const other = await addUser(deps, "case-manager", "morgan");
    const sup = withCookie(raw, await signIn(raw, "sam"));
    const handover = async () => revOf(await (await get(sup, `/plans/${id}/handover`)).text());
    expect((await post(sup, `/plans/${id}/notes`, { rev: await handover(), text: "Please check the rent arrears." })).status).toBe(303);
    expect((await post(sup, `/plans/${id}/reassign`, { rev: await handover(), to: other.id, note: "" })).status).toBe(303);
    const changes = (await entries(deps)).filter((e) => e.actor === sam.id && e.record === id && e.action !== "plan-viewed");
    expect(changes.map((e) => [e.action, e.detail])).toEqual([
      ["plan-commented", undefined],
      ["plan-reassigned", `to ${other.id}`],
    ]);
  });

  it("shows the log a hundred entries to a page, newest first, and finds it intact", async () => {
    const { raw, deps } = await start();
    await addUser(deps, "supervisor", "sam");
    const sam = withCookie(raw, await signIn(raw, "sam"));
    await Promise.all(Array.from({ length: 250 }, (_, i) => deps.audit.record({ actor: "u1", action: "plan-viewed", record: `plan${i}`, detail: `view #${i}`, ip: "127.0.0.1" })));
    const last = (await deps.audit.lines()).length;
    const html = await (await get(sam, "/audit")).text();
    expect(html).toContain("The log is intact");
    expect(text(html)).toContain("view #249");
    expect(text(html)).not.toContain("view #149");
    const older = html.match(/href="([^"]*before=(\d+)[^"]*)"/);
    expect(Number(older?.[2])).toBe(last - 99);
    const page2 = text(await (await get(sam, older![1].replace(/&amp;/g, "&"))).text());
    expect(page2).toContain("view #149");
    expect(page2).not.toContain("view #249");
  });
});
