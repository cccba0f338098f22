/**
 * Failed sign-ins, counted so that guessing a password is slow, without letting anyone lock a
 * colleague out of their account or fill the server's memory.
 *
 * Three budgets over a 15-minute window, each checked before any password is hashed:
 * - an address and an account together: six failures lock that address out of that account. This
 *   is the lockout people know, and it falls on whoever guessed, not on the account's owner.
 * - an address: 30 failures, over any usernames, lock that address out altogether (a spray of
 *   usernames from one place).
 * - an account: 30 failures from all addresses put it in a slowed state (many places guessing at
 *   once). Then an address that has itself failed on this account is refused, and every other
 *   address may still try, one attempt every few seconds for the whole account. The owner signing
 *   in from their own desk waits seconds at worst, while a botnet gets one guess per few seconds.
 *
 * Each check reserves its attempt at once (a pending failure until the password check says
 * otherwise), so 40 parallel guesses cannot all reach the password check. Usernames and addresses
 * are kept only as 16-byte hashes, lists never grow past their budget, and each map holds at most
 * MAX_ENTRIES keys, dropping the least recently used; entries older than the window go too.
 *
 * `Throttle` is what the app uses; deps.ts chooses the store: this file's SignInThrottle keeps
 * the counts in memory (one process); pg-throttle.ts keeps them in PostgreSQL with the same
 * budgets, so several processes count together.
 */
import { createHash } from "node:crypto";
import type { Awaitable } from "./awaitable.ts";

export const WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = {
  /** Failures of one address on one account. */
  pair: 6,
  /** Failures of one address, over all accounts. */
  address: 30,
  /** Failures on one account, from all addresses, before it is slowed. */
  account: 30,
  /** While an account is slowed: one attempt per this long, for addresses with no failure on it. */
  slowedEveryMs: 5_000,
  /** Sign-ins in progress (password being checked) from one address at once. */
  pendingPerAddress: 2,
};
/** Per map: 10,000 keys at ~300 bytes each (key, entry, times): about 9 MB for all three at most. */
export const MAX_ENTRIES = 10_000;

export interface Entry {
  /** Times of recent failures, oldest first; never longer than the budget. */
  failures: number[];
  /** Attempts reserved and not yet settled. */
  pending: number;
  /** Slowed accounts: when the last attempt from a clean address was let through. */
  lastSlowed?: number;
}

export type Refusal = { reason: "account" | "address" | "busy" | "slowed"; retryAfterSeconds: number };
/** Settle each attempt once: the password was right, wrong, or never checked (cancelled). */
export type Attempt = { succeeded(): Awaitable<void>; failed(): Awaitable<void>; cancelled(): Awaitable<void> };
export type Begun = { ok: true; attempt: Attempt } | ({ ok: false } & Refusal);

export interface Throttle {
  /**
   * Reserves one attempt at `username` from `address`, or says why not and for how long. The
   * caller must settle the attempt (succeeded or failed) once the password has been checked.
   */
  begin(username: string, address: string): Awaitable<Begun>;
  /** After a password reset: this address's lockout on the account, and the account's slowed state, end. */
  forgive(username: string, address: string): Awaitable<void>;
}

const key = (kind: string, value: string) => createHash("sha256").update(`${kind}\0${value}`).digest("base64url").slice(0, 22);

/**
 * Why this attempt may not start, or null if it may: the three budgets, read from the three
 * entries (pruned of old failures). Pure, so the PostgreSQL throttle applies the same rules. When
 * a slowed account lets a clean address through, `account.lastSlowed` becomes `t`.
 */
export function refusal(pair: Entry, addr: Entry, account: Entry, t: number, limits: typeof LIMITS): Refusal | null {
  const wait = (list: number[]) => Math.max(1, Math.ceil((list[0] + WINDOW_MS - t) / 1000));
  if (pair.failures.length + pair.pending >= limits.pair) return { reason: "account", retryAfterSeconds: pair.failures.length ? wait(pair.failures) : 5 };
  if (addr.failures.length >= limits.address) return { reason: "address", retryAfterSeconds: wait(addr.failures) };
  if (addr.pending >= limits.pendingPerAddress) return { reason: "busy", retryAfterSeconds: 2 };
  if (account.failures.length + account.pending >= limits.account) {
    if (pair.failures.length) return { reason: "account", retryAfterSeconds: wait(pair.failures) };
    const since = t - (account.lastSlowed ?? -Infinity);
    if (since < limits.slowedEveryMs) return { reason: "slowed", retryAfterSeconds: Math.ceil((limits.slowedEveryMs - since) / 1000) };
    account.lastSlowed = t;
  }
  return null;
}

export type Outcome = "succeeded" | "failed" | "cancelled";

/** One entry after an attempt settles (its pending count is the caller's): a failure is kept, within its budget. */
export function settleFailures(e: Entry, outcome: Outcome, isPair: boolean, at: number, budget: number): void {
  if (outcome === "failed") {
    e.failures.push(at);
    if (e.failures.length > budget) e.failures.shift();
  } else if (outcome === "succeeded" && isPair) {
    // The owner is in: their own address starts afresh. The account's and the address's
    // counts stand, as evidence of guessing by others.
    e.failures = [];
  }
}

/** Drops failures older than the window, oldest first. */
export function prune(failures: number[], now: number): void {
  while (failures.length && now - failures[0] >= WINDOW_MS) failures.shift();
}

/** The three keys an attempt counts against. */
export function keysFor(username: string, address: string) {
  return { pk: key("pair", `${address}\0${username}`), ak: key("address", address), uk: key("account", username) };
}

/** A Map that keeps its most recently used keys, at most `max` of them. */
class Recent {
  private readonly map = new Map<string, Entry>();
  constructor(private readonly max: number) {}

  /** The entry, pruned of old failures; a new one (not kept until `keep`) if there is none. */
  get(k: string, now: number): Entry {
    const e = this.map.get(k);
    if (!e) return { failures: [], pending: 0 };
    this.map.delete(k); // re-inserted last: the most recently used
    this.map.set(k, e);
    prune(e.failures, now);
    return e;
  }

  keep(k: string, e: Entry) {
    if (this.map.get(k) === e) return;
    this.map.set(k, e);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  /** Forgets an entry that holds nothing worth keeping. */
  tidy(k: string, e: Entry) {
    if (!e.failures.length && !e.pending && e.lastSlowed === undefined) this.map.delete(k);
  }

  forget(k: string) {
    this.map.delete(k);
  }

  get size() {
    return this.map.size;
  }
}

export class SignInThrottle implements Throttle {
  private readonly pairs = new Recent(MAX_ENTRIES);
  private readonly addresses = new Recent(MAX_ENTRIES);
  private readonly accounts = new Recent(MAX_ENTRIES);

  constructor(
    private readonly now: () => Date,
    private readonly limits = LIMITS,
  ) {}

  /** How many keys are held, for tests and memory checks. */
  get size() {
    return this.pairs.size + this.addresses.size + this.accounts.size;
  }

  /**
   * After the owner has set a new password with a reset link: their own address's lockout on the
   * account and the account's slowed state end. Other addresses' failures stand: those were
   * somebody else guessing.
   */
  forgive(username: string, address: string): void {
    const { pk, uk } = keysFor(username, address);
    this.pairs.forget(pk);
    this.accounts.forget(uk);
  }

  /**
   * Reserves one attempt at `username` from `address`, or says why not and for how long. The
   * caller must settle the attempt (succeeded or failed) once the password has been checked.
   */
  begin(username: string, address: string): Begun {
    const t = this.now().getTime();
    const { pk, ak, uk } = keysFor(username, address);
    const pair = this.pairs.get(pk, t);
    const addr = this.addresses.get(ak, t);
    const account = this.accounts.get(uk, t);
    const refused = refusal(pair, addr, account, t, this.limits);
    if (refused) return { ok: false, ...refused };

    // Kept only now: refused attempts add no keys, so a locked-out sprayer cannot churn the maps.
    this.pairs.keep(pk, pair);
    this.addresses.keep(ak, addr);
    this.accounts.keep(uk, account);
    for (const e of [pair, addr, account]) e.pending++;
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      const at = this.now().getTime();
      const entries: [Recent, string, number][] = [
        [this.pairs, pk, this.limits.pair],
        [this.addresses, ak, this.limits.address],
        [this.accounts, uk, this.limits.account],
      ];
      for (const [map, k, budget] of entries) {
        const e = map.get(k, at);
        e.pending = Math.max(0, e.pending - 1);
        settleFailures(e, outcome, map === this.pairs, at, budget);
        map.keep(k, e);
        map.tidy(k, e);
      }
    };
    return { ok: true, attempt: { succeeded: () => settle("succeeded"), failed: () => settle("failed"), cancelled: () => settle("cancelled") } };
  }
}
