/**
 * Adds a staff account from the command line:
 *   npm run user:add -- --username jo --name "Jo Smith" --role case-manager
 * Prints a new random password once (or reads one from standard input with --password-stdin).
 * With the embedded store, Coplan must not be running on the same data folder: one writer at a
 * time. With PostgreSQL (COPLAN_DATABASE_URL), it may: accounts are in the database, which every
 * process shares, and no folder lock is taken. The audit log is in the database too, and the
 * account and its "user-added" entry go in one transaction, on the one chain every process
 * appends to (src/audit/pg-audit-log.ts).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DisplayNameSchema, PasswordSchema, ROLES, UsernameSchema } from "../src/auth/users.ts";
import { buildDeps, type Deps, loadLegacySealsInto } from "../src/deps.ts";
import { loadSettings } from "../src/settings.ts";
import { lockDataDir } from "../src/store/lock.ts";
import { PgAuditLog } from "../src/audit/pg-audit-log.ts";
import { PgUserStore } from "../src/store/pg-users.ts";

const Args = z.object({
  username: UsernameSchema,
  name: z.string({ message: "give --name, the person's name" }).pipe(DisplayNameSchema),
  role: z.enum(ROLES, { message: `--role must be one of: ${ROLES.join(", ")}` }),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main() {
  const { values } = parseArgs({
    options: { username: { type: "string" }, name: { type: "string" }, role: { type: "string" }, "password-stdin": { type: "boolean" } },
  });
  const args = Args.safeParse(values);
  if (!args.success) throw new Error(args.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  const password = values["password-stdin"] ? await readStdin() : randomBytes(15).toString("base64url");
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) throw new Error(checked.error.issues[0].message);

  const settings = loadSettings();
  const input = { username: args.data.username, displayName: args.data.name, role: args.data.role, password };
  if (settings.databaseUrl) {
    // Into the database every Coplan process reads, running or not, with its audit entry.
    const deps = buildDeps(settings);
    if (!(deps.users instanceof PgUserStore) || !(deps.audit instanceof PgAuditLog)) throw new Error("COPLAN_DATABASE_URL is set, yet accounts are not in PostgreSQL.");
    await listLegacySealsIfKeyMade(deps);
    const user = await deps.users.addAudited(input, deps.audit, (user) => ({ actor: "command-line", action: "user-added", record: user.id, detail: user.role, ip: "local" }));
    await deps.audit.close();
    await deps.pool?.end();
    console.log(`Added ${user.username} (${user.role}). The account works now, also while Coplan runs.`);
    if (!values["password-stdin"]) console.log(`First password, shown only now: ${password}`);
    return;
  }
  const unlock = lockDataDir(settings.dataDir);
  try {
    // The same users, key and audit log as the server's: the log's signed head stays whole.
    const deps = buildDeps(settings);
    await listLegacySealsIfKeyMade(deps);
    const user = await deps.users.add(input);
    await deps.audit.record({ actor: "command-line", action: "user-added", record: user.id, detail: user.role, ip: "local" });
    await deps.audit.close();
    console.log(`Added ${user.username} (${user.role}).`);
    if (!values["password-stdin"]) console.log(`First password, shown only now: ${password}`);
  } finally {
    unlock();
  }
}

async function listLegacySealsIfKeyMade(deps: Deps) {
  if (deps.signer.origin === "created") {
    // This command made the installation's key, before the server's first start with keys: the
    // seals made before keys existed are listed now, as that start would have, or they could
    // never be confirmed afterwards (src/signing/legacy-seals.ts).
    await deps.store.init();
    await loadLegacySealsInto(deps);
    await deps.store.close?.();
  }
}

main().catch((err) => {
  console.error(`Could not add the user: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
