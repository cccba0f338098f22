import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFile, loadSigner, parsePublicKey, verifyWith } from "../../src/signing/keys.ts";

const dir = () => mkdtempSync(join(tmpdir(), "coplan-keys-"));

describe("the installation's signing key", () => {
  it("is made at first start, kept 0600 in a 0700 folder, and the same key is read back", () => {
    const d = dir();
    const first = loadSigner(d);
    expect(statSync(keyFile(d)).mode & 0o777).toBe(0o600);
    expect(statSync(join(d, "keys")).mode & 0o777).toBe(0o700);
    const again = loadSigner(d);
    expect(again.keyId).toBe(first.keyId);
    expect(again.verify("plan", first.sign("plan"))).toBe(true);
  });

  it("refuses a signature over other text, or by another key", () => {
    const a = loadSigner(dir());
    const b = loadSigner(dir());
    const sig = a.sign("the signed plan");
    expect(a.verify("the signed plan.", sig)).toBe(false);
    expect(b.verify("the signed plan", sig)).toBe(false);
    expect(verifyWith(parsePublicKey(a.publicKeyPem), "the signed plan", sig)).toBe(true);
  });

  it("takes a key from the environment instead of the folder, as PEM", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const d = dir();
    const s = loadSigner(d, pem);
    expect(loadSigner(dir(), pem).keyId).toBe(s.keyId);
    expect(() => statSync(keyFile(d))).toThrow();
  });

  it("refuses a key that is not Ed25519 with a plain reason", () => {
    expect(() => loadSigner(dir(), "not a key")).toThrow(/signing key cannot be read/);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => loadSigner(dir(), privateKey.export({ format: "pem", type: "pkcs8" }).toString())).toThrow(/Ed25519/);
  });
});
