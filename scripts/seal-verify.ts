/**
 * npm run seal:verify -- <exported plan JSON or retainer PDF> [--public-key key.pem]
 *
 * Checks a signed retainer without a running Coplan: the seal's Ed25519 signature against the
 * installation's public key (downloaded from the admin page /keys), then the content's hash.
 * Without --public-key, the key of this installation's data folder (or COPLAN_SIGNING_KEY) is used.
 * Exit code: 0 intact, 1 not intact or not checkable, 2 sealed before keyed seals existed (which,
 * with the public key alone, cannot be confirmed further: see the note printed then).
 */
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { keyFile, keyIdOf, parsePrivateKey, parsePublicKey, verifyWith } from "../src/signing/keys.ts";
import { checkRetainerFile } from "../src/signing/verify-file.ts";
import { loadSettings } from "../src/settings.ts";
import type { SealKey } from "../src/signing/seal.ts";
import type { KeyObject } from "node:crypto";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function publicKey(args: string[]): KeyObject {
  const at = args.indexOf("--public-key");
  if (at >= 0) {
    const file = args[at + 1];
    if (!file) fail("Give the public key's file after --public-key.");
    let pem: string;
    try {
      pem = readFileSync(file, "utf8");
    } catch {
      fail(`Cannot read the public key file ${file}.`);
    }
    return parsePublicKey(pem);
  }
  // No key given: this installation's own, read (never made) from where the server keeps it.
  const settings = loadSettings(process.env);
  if (settings.signingKey) return createPublicKey(parsePrivateKey(settings.signingKey));
  try {
    return createPublicKey(parsePrivateKey(readFileSync(keyFile(settings.dataDir), "utf8")));
  } catch {
    fail(`No public key: give one with --public-key key.pem (download it from Coplan's admin page, Signing key), or run this where ${keyFile(settings.dataDir)} is.`);
  }
}

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--public-key");
if (!file) fail("Usage: npm run seal:verify -- <exported plan JSON or retainer PDF> [--public-key key.pem]");
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch {
  fail(`Cannot read ${file}.`);
}
let key: KeyObject;
try {
  key = publicKey(args);
} catch (err) {
  fail((err as Error).message);
}
const sealKey: SealKey = { keyId: keyIdOf(key), verify: (text, signature) => verifyWith(key, text, signature) };
const result = checkRetainerFile(bytes, sealKey);
for (const line of result.lines) console.log(line);
// The installation's signed list of old seals (keys/legacy-seals.json) lives in its data folder, out
// of reach here: a keyed seal stripped of its signature to pass as an old one cannot be told apart.
if (result.verdict === "unkeyed") {
  console.log(
    "This check has the public key only, not Coplan's signed list of seals made before keyed seals existed, so it cannot tell an old seal from a keyed seal whose signature was removed. Open the plan in Coplan, which checks that list.",
  );
}
process.exit(result.verdict === "intact" ? 0 : result.verdict === "unkeyed" ? 2 : 1);
