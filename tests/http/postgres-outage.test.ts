/**
 * A database outage (issue 21): while PostgreSQL cannot be reached, pages answer 503 with a plain
 * message, the words a person was sending come back to them, no request waits long, and once the
 * database is back Coplan serves again by itself. The outage is staged with a relay in front of the
 * shared test database (tests/helpers/pg-proxy.ts), which is itself never stopped.
 */
import { afterEach, expect, it } from "vitest";
import { createPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, type Built, get, post, text } from "../helpers/app.ts";
import { pgProxy, type PgProxy } from "../helpers/pg-proxy.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const MESSAGE = "Coplan cannot reach its database. Nothing you saved is lost. Try again in a minute.";

describePostgres("a PostgreSQL outage, through HTTP", () => {
  let schema: TestSchema | undefined;
  let proxy: PgProxy | undefined;
  let built: Built | undefined;
  afterEach(async () => {
    await proxy?.close();
    await built?.store.close?.(); // its LISTEN connection
    await built?.deps.pool?.end();
    await schema?.drop();
  });

  it("answers 503 with the plain message and the typed words kept, quickly, and serves again once the database is back", async () => {
    schema = await freshSchema();
    proxy = await pgProxy(TEST_DATABASE_URL!);
    const url = new URL(schema.url(proxy.url));
    built = await buildApp(undefined, undefined, { COPLAN_DATABASE_URL: url.toString() });
    const { app, store, user } = built;
    const plan = await createPlan(store, { ...SETUP, clientName: "Zofia Kowalczyk" }, user.id);
    expect((await get(app, `/plans/${plan.id}`)).status).toBe(200);

    await proxy.stop();
    const started = performance.now();

    const page = await get(app, `/plans/${plan.id}`);
    expect(page.status).toBe(503);
    expect(text(await page.text())).toContain(MESSAGE);

    // A plain form post: the words come back on the page, in a form that sends them again.
    const words = "Keep my flat & see my kids on Sundays";
    const plain = await post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words });
    expect(plain.status).toBe(503);
    expect(plain.headers.get("Retry-After")).toBe("60");
    const plainHtml = text(await plain.text());
    expect(plainHtml).toContain(MESSAGE);
    expect(plainHtml).toContain(`<form method="post" action="/plans/${plan.id}/goals"`);
    expect(plainHtml).toContain(`>${words}</textarea>`);
    expect(plainHtml).toContain(`name="rev" value="${plan.rev}"`);

    // An htmx post: the message goes to the alert region, and the form (its words in it) is not swapped away.
    const htmx = await post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words }, { htmx: true });
    expect(htmx.status).toBe(503);
    expect(htmx.headers.get("HX-Retarget")).toBe("#session-notice");
    expect(htmx.headers.get("HX-Reswap")).toBe("innerHTML");
    expect(text(await htmx.text())).toContain(MESSAGE);

    // The caseload too (a list of every plan), and none of these waited for long.
    expect((await get(app, "/caseload")).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(5_000);

    await proxy.start();
    const again = await post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words });
    expect(again.status).toBe(303);
    const after = await get(app, `/plans/${plan.id}`);
    expect(after.status).toBe(200);
    expect(text(await after.text())).toContain(words);
  });

  it("a database gone silent holds a request no more than 5 s, on a connection already open or a new one, then the 503", async () => {
    schema = await freshSchema();
    proxy = await pgProxy(TEST_DATABASE_URL!);
    const url = new URL(schema.url(proxy.url));
    built = await buildApp(undefined, undefined, { COPLAN_DATABASE_URL: url.toString() });
    const { app, store, user } = built;
    const plan = await createPlan(store, { ...SETUP, clientName: "Zofia Kowalczyk" }, user.id);
    expect((await get(app, `/plans/${plan.id}`)).status).toBe(200);

    await proxy.hang();
    // First on an open connection (the pool's idle one), then on a new one the relay never answers.
    for (const path of [`/plans/${plan.id}`, "/caseload"]) {
      const started = performance.now();
      const page = await get(app, path);
      const waited = performance.now() - started;
      expect(page.status).toBe(503);
      expect(text(await page.text())).toContain(MESSAGE);
      expect(waited).toBeLessThan(5_600);
    }

    await proxy.start();
    expect((await get(app, `/plans/${plan.id}`)).status).toBe(200);
  }, 30_000);
});
