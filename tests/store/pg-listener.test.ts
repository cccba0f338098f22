/**
 * The LISTEN connection (src/store/pg-listener.ts): hears changes committed by others, and notices
 * when it can no longer hear them, even when its connection dies without a word, and hears again.
 */
import { afterEach, expect, it } from "vitest";
import { PgPlanListener } from "../../src/store/pg-listener.ts";
import { PLAN_CHANNEL, planPayload } from "../../src/store/plan-events.ts";
import { createPool } from "../../src/store/pg-pool.ts";
import { pgProxy, type PgProxy } from "../helpers/pg-proxy.ts";
import { describePostgres, TEST_DATABASE_URL } from "../helpers/postgres.ts";

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describePostgres("listening for plan changes", () => {
  let proxy: PgProxy | undefined;
  let listener: PgPlanListener | undefined;
  afterEach(async () => {
    await listener?.close();
    await proxy?.close();
  });

  it("hears a committed change, counts a connection gone silent as lost, and hears again once it can", async () => {
    proxy = await pgProxy(TEST_DATABASE_URL!);
    const log: string[] = [];
    let hearing = false;
    // As the store makes it, from its pool's settings; a short check and wait, to keep the test short.
    const settingsOf = createPool(proxy.url);
    const config = { ...settingsOf.options, query_timeout: 500 };
    await settingsOf.end();
    listener = new PgPlanListener(
      config,
      {
        onChange: (id, rev) => log.push(`${id}@${rev}`),
        onListening: () => (hearing = true),
        onLost: () => (hearing = false),
      },
      200,
    );
    listener.start();
    await until("listening", () => hearing, 5_000);

    const sender = createPool(TEST_DATABASE_URL!, { max: 1 });
    try {
      const id = `listener_test_${Date.now()}`;
      await sender.query("SELECT pg_notify($1, $2)", [PLAN_CHANNEL, planPayload(id, 2)]);
      await until("the change heard", () => log.includes(`${id}@2`), 2_000);

      await proxy.hang(); // the connection stays open and says nothing more
      await until("the silence noticed", () => !hearing, 3_000);

      await proxy.start();
      await until("hearing again", () => hearing, 8_000);
      await sender.query("SELECT pg_notify($1, $2)", [PLAN_CHANNEL, planPayload(id, 3)]);
      await until("the next change heard", () => log.includes(`${id}@3`), 2_000);
    } finally {
      await sender.end();
    }
  }, 30_000);
});
