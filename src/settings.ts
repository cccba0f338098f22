/**
 * The only place that reads process.env. Parsed once with zod into a frozen, typed object.
 */
import { resolve } from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Where the runtime store lives; the default is git-ignored. */
  COPLAN_DATA_DIR: z.string().default("data/store"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  production: boolean;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Readonly<Settings> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Coplan's settings are not valid: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.COPLAN_DATA_DIR),
    production: e.NODE_ENV === "production",
  });
}
