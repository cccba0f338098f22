/** Everything the app depends on, built from settings. server.ts and the tests both use this. */
import { join } from "node:path";
import type pg from "pg";
import type { Audit } from "./audit/audit.ts";
import { AuditLog } from "./audit/audit-log.ts";
import { PgAuditLog } from "./audit/pg-audit-log.ts";
import { ResetStore, type ResetLinks } from "./auth/reset-store.ts";
import { SessionStore, type Sessions } from "./auth/sessions.ts";
import { SignInThrottle, type Throttle } from "./auth/throttle.ts";
import { type Accounts, UserStore } from "./auth/users.ts";
import { summarize } from "./plans/conversation.ts";
import type { Settings } from "./settings.ts";
import { LowdbPlanStore } from "./store/lowdb-store.ts";
import type { PlanStore } from "./store/plan-store.ts";
import { createPool } from "./store/pg-pool.ts";
import { PgPlanStore } from "./store/pg-store.ts";
import { PgResetLinks } from "./store/pg-reset-links.ts";
import { PgSessionStore } from "./store/pg-sessions.ts";
import { PgThrottle } from "./store/pg-throttle.ts";
import { PgUserStore } from "./store/pg-users.ts";
import { PlanEvents } from "./store/plan-events.ts";
import { loadSigner, type Signer } from "./signing/keys.ts";
import { loadLegacySeals } from "./signing/legacy-seals.ts";

export interface Deps {
  store: PlanStore;
  users: Accounts;
  sessions: Sessions;
  throttle: Throttle;
  /** One-time password-reset links. */
  resets: ResetLinks;
  audit: Audit;
  /** The installation's Ed25519 key: signs seals and the audit chain's head. */
  signer: Signer;
  now: () => Date;
  settings: Readonly<Settings>;
  /** The first-run set-up link's token hash, while no account exists yet. */
  setup: { tokenHash: string | null };
  /** The process's one PostgreSQL pool, when COPLAN_DATABASE_URL is set (the server ends it on shutdown). */
  pool?: pg.Pool;
  /** "This plan changed" (id, rev), from this process and, in PostgreSQL mode, every other (src/store/plan-events.ts). */
  planEvents: PlanEvents;
}

export function buildDeps(settings: Readonly<Settings>, now: () => Date = () => new Date()): Deps {
  const signer = loadSigner(settings.dataDir, settings.signingKey);
  const pool = settings.databaseUrl ? createPool(settings.databaseUrl) : undefined;
  const planEvents = new PlanEvents();
  const idleMs = settings.idleMinutes * 60_000;
  const absoluteMs = settings.sessionHours * 3_600_000;
  const pgAudit = pool ? new PgAuditLog(pool, now, signer) : undefined;
  return {
    // With PostgreSQL: plans, accounts, sessions, throttle, reset links and the audit log in the
    // database; the data folder keeps only the signing key, which a dump must not hold.
    store: pool
      ? new PgPlanStore({ pool, now, summarize, encryptionKey: settings.encryptionKey, freeze: !settings.production, events: planEvents, listen: true, audit: pgAudit })
      : new LowdbPlanStore({ dataDir: settings.dataDir, now, summarize, encryptionKey: settings.encryptionKey, freeze: !settings.production, events: planEvents }),
    users: pool ? new PgUserStore(pool, now, pgAudit) : new UserStore(settings.dataDir, now),
    sessions: pool ? new PgSessionStore(pool, now, idleMs, absoluteMs) : new SessionStore(now, idleMs, absoluteMs),
    throttle: pool ? new PgThrottle(pool, now) : new SignInThrottle(now),
    resets: pool ? new PgResetLinks(pool, pgAudit) : new ResetStore(settings.dataDir),
    // In PostgreSQL, a plan's change and its audit entry commit in one transaction (audited-saves.ts).
    audit: pgAudit ?? new AuditLog(join(settings.dataDir, "audit.log"), now, signer),
    signer,
    now,
    settings,
    setup: { tokenHash: null },
    pool,
    planEvents,
  };
}

/**
 * Once the store is open and before serving: the signed list of seals made before keyed seals
 * existed, made now if the key was just made (src/signing/legacy-seals.ts). The signer is replaced
 * by one that carries it, so every seal check (each reads deps.signer) consults it.
 */
export async function loadLegacySealsInto(deps: Deps): Promise<void> {
  const legacySeals = await loadLegacySeals(deps.settings.dataDir, deps.signer, deps.store, deps.now);
  deps.signer = Object.freeze({ ...deps.signer, legacySeals });
}
