/**
 * While the database cannot be reached, a save waiting for the next batch is refused together with
 * the batch that found it unreachable, not after a wait of its own behind it (issue 21: no request
 * waits more than 5 s on the database). The pool here never connects: each try fails as
 * node-postgres's connection timeout does, after a while.
 */
import type pg from "pg";
import { expect, it } from "vitest";
import { type BatchedSave, SaveBatcher } from "../../src/store/pg-save-batch.ts";

const CONNECT_MS = 300;

function unreachablePool(): { pool: pg.Pool; tries: () => number } {
  let tries = 0;
  const pool = {
    connect: () => {
      tries++;
      return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout exceeded when trying to connect")), CONNECT_MS));
    },
  } as unknown as pg.Pool;
  return { pool, tries: () => tries };
}

const save = (id: string): BatchedSave => ({
  id,
  expectedRev: 1,
  rev: 2,
  ownerId: null,
  practice: false,
  updatedAt: "2026-11-24T10:00:00.000Z",
  document: "{}",
  summary: "{}",
  summaryCode: "x",
  entries: [],
});

it("refuses the saves waiting behind a batch that found the database unreachable, at once", async () => {
  const { pool, tries } = unreachablePool();
  const batcher = new SaveBatcher(pool);
  const started = performance.now();
  const first = batcher.submit(save("aaaaaaaaaaaaaaaa")).catch((e: Error) => ({ error: e.message, at: performance.now() - started }));
  await new Promise((r) => setTimeout(r, 100)); // the first batch is waiting for its connection
  const second = batcher.submit(save("bbbbbbbbbbbbbbbb")).catch((e: Error) => ({ error: e.message, at: performance.now() - started }));
  const [a, b] = await Promise.all([first, second]);
  expect(a).toMatchObject({ error: "timeout exceeded when trying to connect" });
  expect(b).toMatchObject({ error: "timeout exceeded when trying to connect" });
  // Refused with the first, not after a connection wait of its own.
  expect((b as { at: number }).at).toBeLessThan(CONNECT_MS * 1.6);
  expect(tries()).toBe(1);
});
