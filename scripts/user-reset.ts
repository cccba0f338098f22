/**
 * A way back for a forgotten password, above all an administrator's (who else could issue one?):
 *   npm run user:reset -- --username NAME
 * Prints a one-time link, valid for one hour, to choose a new password (see src/auth/password-reset.ts).
 *
 * It works whether Coplan is stopped or running on the same data folder. The link is a file of
 * its own that the server reads when the link is used. Only the audit log differs: it is the
 * running server's to write (its hash chain lives in that process), so then the server records
 * the issue when the link is used, and this command says so.
 *
 * With PostgreSQL (COPLAN_DATABASE_URL) the account, the link and the audit log are all in the
 * database, which the running servers share: the command records the issue there itself, on the
 * one chain every process appends to.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { resetPath } from "../src/auth/password-reset.ts";
import { ResetStore } from "../src/auth/reset-store.ts";
import { type User, UsernameSchema, UserStore } from "../src/auth/users.ts";
import { buildDeps, loadLegacySealsInto } from "../src/deps.ts";
import { linkTo } from "../src/http/link-base.ts";
import { loadSettings, type Settings } from "../src/settings.ts";
import { FolderInUseError, lockDataDir } from "../src/store/lock.ts";

const Args = z.object({ username: z.string({ message: "give --username, the account's username" }).pipe(UsernameSchema) });

async function main() {
  const { values } = parseArgs({ options: { username: { type: "string" } } });
  const args = Args.safeParse(values);
  if (!args.success) throw new Error(args.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));

  const settings = loadSettings();
  if (settings.databaseUrl) {
    const deps = buildDeps(settings);
    const user = usable(await deps.users.byUsername(args.data.username), args.data.username);
    if (deps.signer.origin === "created") {
      // As in user-add.ts: the key made now must list the seals made before keys existed.
      await deps.store.init();
      await loadLegacySealsInto(deps);
      await deps.store.close?.();
    }
    const { token } = await deps.resets.issue(user.id, "command-line", new Date());
    await deps.audit.record({ actor: "command-line", action: "password-reset-issued", record: user.id, ip: "local" });
    await deps.audit.close();
    await deps.pool?.end();
    printLink(settings, user.username, token);
    console.log("The link works now, also while Coplan runs.");
    return;
  }
  let unlock: (() => void) | null = null;
  try {
    unlock = lockDataDir(settings.dataDir);
  } catch (err) {
    if (!(err instanceof FolderInUseError)) throw err;
  }
  const running = unlock === null;
  try {
    // Read only: the running server keeps users.json, and a reset does not change it until used.
    const user = usable(await new UserStore(settings.dataDir, () => new Date()).byUsername(args.data.username), args.data.username);
    const { token } = await new ResetStore(settings.dataDir).issue(user.id, "command-line", new Date(), running);
    if (!running) {
      // The same key and audit log as the server's: the log's signed head stays whole.
      const deps = buildDeps(settings);
      if (deps.signer.origin === "created") {
        // As in user-add.ts: the key made now must list the seals made before keys existed.
        await deps.store.init();
        await loadLegacySealsInto(deps);
        await deps.store.close?.();
      }
      await deps.audit.record({ actor: "command-line", action: "password-reset-issued", record: user.id, ip: "local" });
      await deps.audit.close();
    }
    printLink(settings, user.username, token);
    if (running) console.log("Coplan is running on this data folder: the link works now, and the server records it in the audit log when it is used.");
  } finally {
    unlock?.();
  }
}

/** The account, if a reset link may be made for it; else why not, in words. */
function usable(user: User | undefined, username: string): User {
  if (!user) throw new Error(`There is no account called ${username}. Check the spelling (usernames are lower case).`);
  if (user.disabled) throw new Error(`${user.username}'s account is disabled. An administrator enables it on the accounts page first.`);
  return user;
}

function printLink(settings: Settings, username: string, token: string) {
  console.log(`One-time link for ${username} to choose a new password, valid for 1 hour, shown only now:\n  ${linkTo(settings, resetPath(token))}`);
  if (!settings.origin) console.log("COPLAN_ORIGIN is not set, so the link names the address Coplan listens on; set COPLAN_ORIGIN to the address people use.");
}

main().catch((err) => {
  console.error(`Could not make a reset link: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
