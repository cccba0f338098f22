/**
 * The schema, brought up to date once per pool before the first query of any PostgreSQL store
 * (plans, accounts, sessions, throttle, reset links). A command such as `npm run user:add` may
 * touch only the accounts, so each store asks, not only the plan store's init(). If the database
 * could not be reached, the next caller tries again.
 */
import type pg from "pg";
import { migrate } from "./migrate.ts";

const ready = new WeakMap<pg.Pool, Promise<void>>();

export function schemaReady(pool: pg.Pool): Promise<void> {
  let done = ready.get(pool);
  if (!done) {
    done = migrate(pool).then(
      () => undefined,
      (err: Error) => {
        ready.delete(pool);
        throw new Error(`PostgreSQL (COPLAN_DATABASE_URL) could not be used: ${err.message}`, { cause: err });
      },
    );
    ready.set(pool, done);
  }
  return done;
}
