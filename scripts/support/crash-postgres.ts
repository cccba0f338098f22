/**
 * The PostgreSQL side of `npm run test:crash -- --store postgres`: a fresh schema in the database
 * COPLAN_TEST_DATABASE_URL names, holding one case manager and plans at the goals step, and a
 * data folder holding only the installation's key, which every server of the run shares (so all
 * of them sign one audit chain). Afterwards: the plans as the database holds them, and whether the
 * audit log verifies with exactly one entry for every change that committed.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PgAuditLog } from "../../src/audit/pg-audit-log.ts";
import { summarize } from "../../src/plans/conversation.ts";
import { loadSigner } from "../../src/signing/keys.ts";
import { createPool } from "../../src/store/pg-pool.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { PgUserStore } from "../../src/store/pg-users.ts";
import { type StoredPlan, StoredPlanSchema } from "../../src/store/plan-store.ts";
import { BENCH_USER, generateStore } from "./generate-store.ts";

export interface CrashDatabase {
  /** COPLAN_DATABASE_URL for the servers. */
  url: string;
  /** COPLAN_DATA_DIR for the servers: the key, and nothing of a client's. */
  dataDir: string;
  /** Each plan's id and revision as made, at the goals step with its goals counted. */
  plans: { id: string; rev: number; goals: number }[];
  /** The plans with these ids as stored now (an Error for a row that does not parse). */
  read(ids: string[]): Promise<Map<string, StoredPlan | Error>>;
  /** How many plan rows there are, and how many do not parse. */
  allRows(): Promise<{ count: number; bad: number }>;
  /** The audit log's verdict, and the plans whose committed changes and ok entries differ in number. */
  audit(): Promise<{ ok: boolean; problems: string[]; count: number; mismatched: string[] }>;
  /** Files in the data folder other than the key's. */
  strayFiles(): string[];
  drop(): Promise<void>;
}

/** Sets up `count` plans in a new schema; `scratch` is a folder for the plans' making, removed after. */
export async function crashDatabase(baseUrl: string, root: string, count: number, passwordHash: string): Promise<CrashDatabase> {
  const schema = `coplan_crash_${randomBytes(6).toString("hex")}`;
  const admin = createPool(baseUrl, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPool(baseUrl, { schema, max: 8 });
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const dataDir = join(root, "data");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  // Made now, before any server starts: servers starting together would each make a key of their own.
  const signer = loadSigner(dataDir);
  const now = () => new Date();

  // The plans' documents as the embedded store's generator makes them, each saved here as a first save would.
  const scratch = join(root, "scratch");
  const generated = await generateStore(scratch, count, { passwordHash, mix: [["goals", 1]] });
  const store = new PgPlanStore({ pool, now, summarize });
  await store.init();
  const user = await new PgUserStore(pool, now).add({ ...BENCH_USER, role: "case-manager", passwordHash });
  const plans: CrashDatabase["plans"] = [];
  for (const made of generated.plans) {
    const doc = StoredPlanSchema.parse(JSON.parse(readFileSync(join(scratch, "plans", `${made.id}.json`), "utf8")));
    const saved = await store.create({ ...doc, ownerId: user.id });
    plans.push({ id: saved.id, rev: saved.rev, goals: made.goals });
  }
  await store.close();
  rmSync(scratch, { recursive: true, force: true });
  const madeAt = new Map(plans.map((p) => [p.id, p.rev]));

  const parse = (document: string): StoredPlan | Error => {
    try {
      return StoredPlanSchema.parse(JSON.parse(document));
    } catch (err) {
      return err as Error;
    }
  };

  return {
    url: url.toString(),
    dataDir,
    plans,
    async read(ids) {
      const { rows } = await pool.query<{ id: string; document: string }>("SELECT id, document FROM plans WHERE id = ANY($1)", [ids]);
      return new Map(rows.map((r) => [r.id, parse(r.document)]));
    },
    async allRows() {
      const { rows } = await pool.query<{ document: string }>("SELECT document FROM plans");
      return { count: rows.length, bad: rows.filter((r) => parse(r.document) instanceof Error).length };
    },
    async audit() {
      // Every committed change moved its plan's rev on by one, and committed its entry with it.
      const entries = new Map<string, number>();
      const verdict = await new PgAuditLog(pool, now, signer).check((e) => {
        if (e.action === "plan-changed" && e.outcome === "ok" && e.record) entries.set(e.record, (entries.get(e.record) ?? 0) + 1);
      });
      const { rows } = await pool.query<{ id: string; rev: number }>("SELECT id, rev FROM plans");
      const mismatched = rows.filter((r) => r.rev - (madeAt.get(r.id) ?? r.rev) !== (entries.get(r.id) ?? 0)).map((r) => `${r.id}: rev ${r.rev}, ${entries.get(r.id) ?? 0} entries`);
      return { ok: verdict.ok && verdict.head === "signed", problems: verdict.problems, count: verdict.count, mismatched };
    },
    strayFiles: () => filesIn(dataDir).filter((f) => !f.startsWith("keys/")),
    async drop() {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

function filesIn(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path, base) : [relative(base, path)];
  });
}
