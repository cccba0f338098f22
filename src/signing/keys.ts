/**
 * The installation's Ed25519 signing key. Seals and the audit chain's head are signed with it, so
 * that whoever can write the data folder still cannot forge a seal or hide a cut in the log: they
 * would need the private key, which is kept apart from the plan files (and from any database).
 *
 * Where it comes from, in order:
 *   1. COPLAN_SIGNING_KEY: a PKCS#8 PEM private key, or its DER bytes in base64 (settings.ts);
 *   2. `keys/ed25519.pem` in the data folder (folder 0700, file 0600);
 *   3. neither: a new pair is made at first start and written there.
 * Losing the key does not unseal anything already signed (the public key verifies it), but no
 * new seal made with another key will match the old public key: back it up apart from the data.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject, sign, verify } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LegacySeals } from "./legacy-seal-list.ts";

export const SIGNATURE_ALGORITHM = "Ed25519";

/**
 * Where this start's key came from: made just now ("created"), read from the data folder's key
 * file ("file"), or given in COPLAN_SIGNING_KEY ("environment"). It decides whether the signed
 * list of old seals is made now or must already exist (src/signing/legacy-seals.ts).
 */
export type KeyOrigin = "created" | "file" | "environment";

export interface Signer {
  /** A short id for the public key: the first 16 hex digits of its SHA-256 (over the DER bytes). */
  readonly keyId: string;
  /** The public key as PEM (SubjectPublicKeyInfo), for the admin page and third parties. */
  readonly publicKeyPem: string;
  /** An Ed25519 signature over the text's UTF-8 bytes, in base64. */
  sign(text: string): string;
  /** Whether `signature` (base64) is this key's signature over `text`. */
  verify(text: string, signature: string): boolean;
  /** Set by loadSigner; absent on a Signer made directly (tests, tools). */
  readonly origin?: KeyOrigin;
  /** The signed list of seals made before keyed seals, loaded once at start (deps.ts). */
  readonly legacySeals?: LegacySeals;
}

/** Where the key lives when it is not given in the environment. */
export function keyFile(dataDir: string): string {
  return join(dataDir, "keys", "ed25519.pem");
}

/** Reads a private key given as PEM or as base64 DER (PKCS#8); throws with a plain reason. */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith("-----BEGIN")
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error("the signing key cannot be read: give an Ed25519 private key as PEM or base64 PKCS#8");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("the signing key must be an Ed25519 key");
  return key;
}

/** Reads a public key given as PEM (SubjectPublicKeyInfo); throws with a plain reason. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem.trim());
  } catch {
    throw new Error("the public key cannot be read: give the PEM downloaded from Coplan's admin page");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("the public key must be an Ed25519 key");
  return key;
}

export function keyIdOf(publicKey: KeyObject): string {
  return hash("sha256", publicKey.export({ format: "der", type: "spki" }), "hex").slice(0, 16);
}

/** Checks a signature against a public key alone: what `seal:verify` and old exports need. */
export function verifyWith(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

export function signerFrom(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
  return Object.freeze({
    keyId: keyIdOf(publicKey),
    publicKeyPem,
    sign: (text: string) => sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64"),
    verify: (text: string, signature: string) => verifyWith(publicKey, text, signature),
  });
}

/**
 * The installation's signer: from the given key text, else from the data folder's key file, else a
 * new key written there (0600 in a 0700 folder). Synchronous: it runs once, before serving.
 */
export function loadSigner(dataDir: string, keyText?: string): Signer {
  const from = (key: KeyObject, origin: KeyOrigin): Signer => Object.freeze({ ...signerFrom(key), origin });
  if (keyText) return from(parsePrivateKey(keyText), "environment");
  const file = keyFile(dataDir);
  let pem: string | null = null;
  try {
    pem = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (pem !== null) return from(parsePrivateKey(pem), "file");
  const { privateKey } = generateKeyPairSync("ed25519");
  const folder = join(dataDir, "keys");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  // "wx": never overwrite a key another process wrote a moment ago; read that one instead.
  try {
    writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return from(parsePrivateKey(readFileSync(file, "utf8")), "file");
    throw err;
  }
  // Made now: the store may hold plans sealed before keyed seals existed, to be listed under this
  // key once the store is open (loadLegacySeals, called from deps.ts).
  return from(privateKey, "created");
}
