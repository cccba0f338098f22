/**
 * Password hashing with scrypt at N=2^17, r=8, p=1 (OWASP's current advice). That needs 128 MiB,
 * above Node's default maxmem of 32 MiB, so maxmem is raised. The hash string carries its own
 * parameters so they can be raised later without breaking stored accounts.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { BusyError, Slots } from "../slots.ts";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 32 };

/**
 * scrypt runs on libuv's thread pool (four threads), which file reads and writes share, and each
 * hash holds 128 MiB. Sixteen sign-ins at once stalled every save for seconds and took ~600 MB.
 * So at most two hashes run at once, leaving the pool to the store, and a few more wait; past
 * that a sign-in is refused at once (HashBusyError: the route answers 429 with Retry-After)
 * rather than queued behind others for ever.
 */
export const HASH_SLOTS = { running: 2, waiting: 6 };

export class HashBusyError extends BusyError {}
const slots = new Slots(HASH_SLOTS, (seconds) => new HashBusyError("Too many passwords are being checked at once.", seconds));
const inSlot = <T>(hash: () => Promise<T>, refuse: boolean) => slots.run(hash, refuse);

/**
 * `refuseWhenBusy`: for hashes anyone can ask for (a reset link's page is public), which, like a
 * sign-in, are refused with HashBusyError rather than queued when the queue is full.
 */
export async function hashPassword(password: string, params = SCRYPT, refuseWhenBusy = false): Promise<string> {
  const salt = randomBytes(16);
  // Account set-up and password changes wait their turn: they are few, and by signed-in staff.
  const key = await inSlot(() => scrypt(password.normalize("NFC"), salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 }), refuseWhenBusy);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Throws HashBusyError when too many are being checked already. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await inSlot(
    () =>
      scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
        N: Number(n),
        r: Number(r),
        p: Number(p),
        maxmem: 256 * 1024 * 1024,
      }),
    true,
  );
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing in particular, so an unknown user costs as much time as a wrong password. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}
