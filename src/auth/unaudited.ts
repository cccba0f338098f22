/**
 * Accounts that `npm run user:add` added while Coplan ran on PostgreSQL: the command could not
 * write the audit log (the running server holds it), so the server writes their "user-added"
 * entries, at the next sign-in of anyone, before the new account can sign in and act. As the
 * reset links made while Coplan ran (password-reset.ts, auditPending).
 */
import type { Deps } from "../deps.ts";

export async function recordUnaudited(deps: Pick<Deps, "users" | "audit">): Promise<void> {
  for (const user of await deps.users.takeUnaudited()) {
    await deps.audit.record({ actor: "command-line", action: "user-added", record: user.id, detail: `${user.role}, added while Coplan ran, at ${user.createdAt}`, ip: "local" });
  }
}
