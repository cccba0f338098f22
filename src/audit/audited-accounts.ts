/**
 * A change to an account and its audit entry, recorded together (issue 21), as audited-saves.ts
 * does for plans: where the accounts live beside the audit log (PostgreSQL, Accounts.audited), the
 * entry goes into the change's own transaction, so an account is never added, disabled, given a
 * new password or a language unrecorded. With the embedded store the entry is written just after
 * the change, as it always was: users.json cannot share a transaction with the log's file.
 * No entry is recorded for an account that was not found.
 */
import type { AuditInput } from "./chain.ts";
import type { Audit } from "./audit.ts";
import type { Accounts, AuditedAccounts } from "../auth/users.ts";
import type { ResetLinks } from "../auth/reset-store.ts";

export function accountChanges(deps: { users: Accounts; audit: Audit }): AuditedAccounts {
  const { users, audit } = deps;
  if (users.audited) return users.audited;
  const after = async <T>(changed: T, entries: AuditInput[]) => {
    if (changed) for (const entry of entries) await audit.record(entry);
    return changed;
  };
  return {
    add: async (input, entry) => {
      const user = await users.add(input);
      return after(user, [entry(user)]);
    },
    setDisabled: async (id, disabled, entry) => after(await users.setDisabled(id, disabled), [entry]),
    setLanguage: async (id, language, entry) => {
      await users.setLanguage(id, language);
      await audit.record(entry);
    },
    setPassword: async (id, passwordHash, entries) => after(await users.setPassword(id, passwordHash), entries),
  };
}

/** A password-reset link for an account, and its audit entry: in one transaction where the links can. */
export async function issueResetLink(deps: { resets: ResetLinks; audit: Audit }, userId: string, now: Date, entry: AuditInput): Promise<{ token: string; expiresAt: string }> {
  if (deps.resets.audited) return deps.resets.audited.issue(userId, entry.actor, now, entry);
  const issued = await deps.resets.issue(userId, entry.actor, now);
  await deps.audit.record(entry);
  return issued;
}
