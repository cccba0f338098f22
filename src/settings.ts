/**
 * The only place that reads process.env. Parsed once with zod into a frozen, typed object.
 */
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { isTimeZone } from "./time.ts";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Where the runtime store lives; the default is git-ignored. */
  COPLAN_DATA_DIR: z.string().default("data/store"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The address people use, e.g. https://coplan.example.org; checked as the Origin of every form post. */
  COPLAN_ORIGIN: z.url({ message: "must be an address like https://coplan.example.org" }).optional(),
  /** The agency's time zone (IANA name), for what is due today, this week and overdue. */
  COPLAN_TIMEZONE: z.string().default("UTC").refine(isTimeZone, { message: "must be a time zone name like Europe/London" }),
  COPLAN_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  COPLAN_SESSION_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** 32 bytes, as 64 hex digits or base64: plan files are then encrypted at rest with AES-256-GCM. */
  COPLAN_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((k) => k === undefined || k === "" || keyBytes(k)?.length === 32, { message: "must be 32 bytes, as 64 hex digits or base64" }),
  /** The Ed25519 private key that signs seals and the audit head (PEM or base64 PKCS#8); else keys/ in the data folder. */
  COPLAN_SIGNING_KEY: z.string().max(10_000).optional(),
  /** The reverse proxies in front of Coplan, whose X-Forwarded-For is believed (src/http/client-address.ts); unset: none. */
  COPLAN_TRUST_PROXY: z
    .string()
    .max(2000)
    .optional()
    .refine((v) => v === undefined || v.trim() === "" || proxyList(v).every(isProxyEntry), { message: 'must be "loopback" or addresses like 10.0.0.5 or 10.0.0.0/8, separated by commas' }),
  /** postgres://user:password@host/db selects the PostgreSQL store; unset or empty: the embedded lowdb store. */
  COPLAN_DATABASE_URL: z
    .string()
    .max(2000)
    .optional()
    .refine((v) => v === undefined || v.trim() === "" || /^postgres(ql)?:\/\/./.test(v.trim()), { message: "must be an address like postgres://coplan:password@localhost/coplan" }),
  /** "auto" (one per core) or a number: that many worker processes (node:cluster), PostgreSQL mode only; unset: one process. */
  COPLAN_WORKERS: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.trim() === "" || v.trim() === "auto" || /^([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-6])$/.test(v.trim()), { message: 'must be "auto" (one per core) or a number from 1 to 256' }),
  /** Not for people to set: the first-run link's hash, handed by the cluster's primary to its workers (src/cluster.ts). */
  COPLAN_SETUP_TOKEN_HASH: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

const proxyList = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);

/** "loopback", an address, or a subnet like 10.0.0.0/8. */
function isProxyEntry(entry: string): boolean {
  if (entry === "loopback") return true;
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function keyBytes(k: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(k)) return Buffer.from(k, "hex");
  const b = Buffer.from(k, "base64");
  return b.length === 32 ? b : null;
}

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  production: boolean;
  origin?: string;
  timeZone: string;
  idleMinutes: number;
  sessionHours: number;
  encryptionKey?: Buffer;
  /** The signing key's text, when given in the environment; checked when deps load it. */
  signingKey?: string;
  /** Proxies whose X-Forwarded-For names the client; undefined: forwarded headers are ignored. */
  trustProxy?: readonly string[];
  /** PostgreSQL's address; undefined: the embedded store. */
  databaseUrl?: string;
  /** Worker processes to run (COPLAN_WORKERS); undefined: one process, no cluster. */
  workers?: number;
  /** Set in a cluster's workers: the first-run link the primary printed. */
  setupTokenHash?: string;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Readonly<Settings> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Coplan's settings are not valid: ${problems}`);
  }
  const e = parsed.data;
  const databaseUrl = e.COPLAN_DATABASE_URL?.trim() || undefined;
  const workersText = e.COPLAN_WORKERS?.trim() || undefined;
  if (workersText && !databaseUrl) {
    // Each process of the embedded store trusts its own memory of the data folder: a second writer
    // would overwrite the first's saves (store/lock.ts). Several processes need a shared database.
    throw new Error(
      "Coplan's settings are not valid: COPLAN_WORKERS needs PostgreSQL (COPLAN_DATABASE_URL). The embedded store takes one writer, so without a database Coplan runs as one process: unset COPLAN_WORKERS, or set COPLAN_DATABASE_URL (see README.md).",
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.COPLAN_DATA_DIR),
    production: e.NODE_ENV === "production",
    origin: e.COPLAN_ORIGIN ? new URL(e.COPLAN_ORIGIN).origin : undefined,
    timeZone: e.COPLAN_TIMEZONE,
    idleMinutes: e.COPLAN_IDLE_MINUTES,
    sessionHours: e.COPLAN_SESSION_HOURS,
    encryptionKey: e.COPLAN_ENCRYPTION_KEY ? keyBytes(e.COPLAN_ENCRYPTION_KEY)! : undefined,
    signingKey: e.COPLAN_SIGNING_KEY || undefined,
    trustProxy: e.COPLAN_TRUST_PROXY?.trim() ? Object.freeze(proxyList(e.COPLAN_TRUST_PROXY)) : undefined,
    databaseUrl,
    workers: workersText === "auto" ? availableParallelism() : workersText ? Number(workersText) : undefined,
    setupTokenHash: e.COPLAN_SETUP_TOKEN_HASH,
  });
}
