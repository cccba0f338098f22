/**
 * Folds repeated refusals into counted audit entries, so a flood of failed or locked-out sign-ins
 * cannot fill the disk (written one by one, a flood of locked-account refusals, which cost no
 * password hash, wrote about 2 GB an hour). Per action, address and username (or record, where
 * there is no username: a refused review link for one plan): the first refusal
 * in a minute is written at once; the rest of that minute are counted, and written as one entry
 * with the count when the minute is over.
 *
 * Memory stays bounded: a username is kept only as a short hash of its first 256 characters;
 * past ten usernames from one address (or ten addresses for one username) in a minute the others
 * share one fold; and past MAX_FOLDS open folds, every new one shares a single overflow fold.
 * Pure: the clock is given, and the caller writes what it returns.
 */
import { sha256Hex } from "../signing/canonical.ts";
import type { AuditInput } from "./chain.ts";

export const FOLD_MS = 60_000;
export const MAX_FOLDS = 5_000;
/** Distinct usernames per address (and addresses per username) folded apart in a minute. */
export const MAX_SPREAD = 10;
const ANY = "*";

/** A short, fixed-length stand-in for a username: never the typed text, which may be a password typed in the wrong box. */
export function usernameKey(username: string): string {
  return sha256Hex(username.slice(0, 256)).slice(0, 12);
}

interface Fold {
  input: AuditInput;
  ip: string;
  who: string;
  since: number;
  repeats: number;
  /** Whether the refusals counted came from more than one actor, or for more than one record (a wide fold). */
  mixedActor?: boolean;
  mixedRecord?: boolean;
}

export class RepeatFolder {
  private folds = new Map<string, Fold>();
  private perAddress = new Map<string, number>();
  private perName = new Map<string, number>();

  constructor(private readonly now: () => Date) {}

  get size(): number {
    return this.folds.size;
  }

  /**
   * Takes one refusal. Returns what to write now: the refusal itself if it opens a fold (null if
   * an open fold counted it), and the counted entries of any folds whose minute is over.
   */
  take(input: AuditInput, username?: string): { write: AuditInput | null; closed: AuditInput[] } {
    const t = this.now().getTime();
    const closed = this.due();
    let ip = input.ip;
    // Without a username (a refused review link, say) the record stands in for it.
    let who = username !== undefined ? usernameKey(username) : `record ${usernameKey(input.record ?? "")}`;
    const open = this.folds.get(keyOf(input, ip, who));
    if (open) {
      count(open, input);
      return { write: null, closed };
    }
    // A new fold: spread over many usernames or addresses, or too many folds, is folded wider.
    if ((this.perAddress.get(`${input.action} ${ip}`) ?? 0) >= MAX_SPREAD) who = ANY;
    if ((this.perName.get(`${input.action} ${who}`) ?? 0) >= MAX_SPREAD && who !== ANY) ip = ANY;
    if (this.folds.size >= MAX_FOLDS) [ip, who] = [ANY, ANY];
    const key = keyOf(input, ip, who);
    const wide = this.folds.get(key);
    if (wide) {
      count(wide, input);
      return { write: null, closed };
    }
    this.folds.set(key, { input, ip, who, since: t, repeats: 0 });
    bump(this.perAddress, `${input.action} ${ip}`, 1);
    bump(this.perName, `${input.action} ${who}`, 1);
    const detail = describe(input, who);
    return { write: { ...input, ip: ip === ANY ? input.ip : ip, ...(detail ? { detail } : {}) }, closed };
  }

  /** The counted entries of folds whose minute is over (all of them with `all`, at shutdown); those folds are closed. */
  due(all = false): AuditInput[] {
    const t = this.now().getTime();
    const out: AuditInput[] = [];
    // Folds are kept in the order they opened, so the first still open ends the search.
    for (const [key, fold] of this.folds) {
      if (!all && t - fold.since < FOLD_MS) break;
      this.folds.delete(key);
      bump(this.perAddress, `${fold.input.action} ${fold.ip}`, -1);
      bump(this.perName, `${fold.input.action} ${fold.who}`, -1);
      if (fold.repeats > 0) out.push(summary(fold));
    }
    return out;
  }
}

function count(fold: Fold, input: AuditInput): void {
  fold.repeats++;
  if (input.actor !== fold.input.actor) fold.mixedActor = true;
  if (input.record !== fold.input.record) fold.mixedRecord = true;
}

function keyOf(input: AuditInput, ip: string, who: string): string {
  return `${input.action} ${ip} ${who}`;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

function describe(input: AuditInput, who: string): string | undefined {
  const name = who === ANY ? (input.record !== undefined ? "various records" : "various usernames") : who.startsWith("record ") ? undefined : `username #${who}`;
  return [input.detail, name].filter(Boolean).join("; ") || undefined;
}

function summary(fold: Fold): AuditInput {
  const from = new Date(fold.since).toISOString().slice(11, 19);
  const where = fold.ip === ANY;
  return {
    actor: fold.mixedActor ? "anonymous" : fold.input.actor,
    action: fold.input.action,
    ...(fold.input.record && !fold.mixedRecord ? { record: fold.input.record } : {}),
    detail: [describe(fold.input, fold.who), `${where ? "from various addresses; " : ""}${fold.repeats} more in the minute from ${from} UTC`].filter(Boolean).join("; "),
    ip: fold.ip === ANY ? "various" : fold.ip,
    outcome: fold.input.outcome,
    count: fold.repeats,
  };
}
