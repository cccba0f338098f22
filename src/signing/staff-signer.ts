/**
 * Whose account a staff signature is given under. The case manager's signature belongs to the
 * plan's own case manager; a supervisor may give it for them only by saying so (the "signing for"
 * step), and then the record names both. Anyone else is refused in words. Pure.
 */
import type { User } from "../auth/users.ts";
import type { AccountRef } from "../domain/signature.ts";

export const accountRef = (u: Pick<User, "id" | "username" | "displayName">): AccountRef => ({ id: u.id, username: u.username, displayName: u.displayName });

export type StaffSigner = { ok: true; account: AccountRef; onBehalfOf?: AccountRef } | { ok: false; reason: string };

/**
 * `owner` is the plan's case manager (undefined if the plan has none, or their account is gone);
 * `signingFor` is the id the supervisor ticked as signing for, if they did.
 */
export function staffSigner(user: User, owner: User | undefined, signingFor: string | undefined): StaffSigner {
  if (owner && user.id === owner.id) return { ok: true, account: accountRef(user) };
  if (owner?.disabled) {
    return { ok: false, reason: `The plan's case manager, ${owner.displayName}, no longer has an active account, so no one can sign for them. Hand the case over to an active case manager first.` };
  }
  if (!owner) return { ok: false, reason: "This plan has no case manager, so no one can sign for the case manager yet. A supervisor can hand the case to a case manager first." };
  if (user.role !== "supervisor") {
    return { ok: false, reason: `Only the plan's own case manager, ${owner.displayName}, can sign here. A supervisor can sign for them if they cannot.` };
  }
  if (signingFor !== owner.id) {
    return { ok: false, reason: `You are not this plan's case manager. To sign for ${owner.displayName}, tick “I am signing for the plan's case manager” and sign again; the record will show both names.` };
  }
  return { ok: true, account: accountRef(user), onBehalfOf: accountRef(owner) };
}
