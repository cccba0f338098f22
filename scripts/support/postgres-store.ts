/**
 * A generated store (generate-store.ts) copied into a fresh PostgreSQL schema, for the bench's
 * PostgreSQL figures: the same plans, the same case manager (same id, same password), and a data
 * folder holding only the signing key, so the seals verify there as in the embedded store. The
 * plans go in through PgPlanStore.create, as a first save would put them (each at revision 1).
 */
import { randomBytes } from "node:crypto";
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { summarize } from "../../src/plans/conversation.ts";
import { createPool } from "../../src/store/pg-pool.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { StoredPlanSchema } from "../../src/store/plan-store.ts";
import { BENCH_USER, type GeneratedPlan, type GeneratedStore } from "./generate-store.ts";

export interface PostgresStore {
  /** COPLAN_DATABASE_URL for a Coplan on this schema. */
  url: string;
  /** Its COPLAN_DATA_DIR: the signing key (and, once it runs, its audit log). */
  dataDir: string;
  /** The plans, at the revisions they have in the database. */
  plans: GeneratedPlan[];
  /** Drops the schema and the data folder. */
  drop(): Promise<void>;
}

/** Copies `store` into a new schema of the database at `baseUrl`, `concurrency` plans at a time. */
export async function copyToPostgres(store: GeneratedStore, baseUrl: string, dataDir: string, passwordHash: string, concurrency = 16): Promise<PostgresStore> {
  const schema = `coplan_bench_${randomBytes(6).toString("hex")}`;
  const admin = createPool(baseUrl, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPool(baseUrl, { schema, max: concurrency });
  try {
    const now = () => new Date();
    const plans = new PgPlanStore({ pool, now, summarize });
    await plans.init();
    const users = new PgUserStore(pool, now);
    const user = await users.add({ ...BENCH_USER, role: "case-manager", passwordHash });
    // The plans name their owner by the generated store's id for the account: give it that id.
    await pool.query("UPDATE users SET id = $1 WHERE id = $2", [store.userId, user.id]);
    const copied: GeneratedPlan[] = [];
    let next = 0;
    const copier = async () => {
      while (next < store.plans.length) {
        const plan = store.plans[next++];
        const doc = StoredPlanSchema.parse(JSON.parse(await readFile(join(store.dataDir, "plans", `${plan.id}.json`), "utf8")));
        const saved = await plans.create(doc);
        copied.push({ ...plan, rev: saved.rev });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, copier));
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await cp(join(store.dataDir, "keys"), join(dataDir, "keys"), { recursive: true });
    const url = new URL(baseUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    // In the generated order, so the bench picks the same kinds of plan as on the embedded store.
    const order = new Map(store.plans.map((p, i) => [p.id, i]));
    copied.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return {
      url: url.toString(),
      dataDir,
      plans: copied,
      drop: async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await admin.end();
    throw err;
  } finally {
    await pool.end();
  }
}
