import { generateKeyPairSync } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.ts";
import { buildApp, get, post, tempDir, type Built } from "../helpers/app.ts";
import { planAtReview, WORDS } from "../helpers/plans.ts";
import { sha256Hex } from "../../src/signing/canonical.ts";



/** Runs the checker as a separate process, as `npm run seal:verify` does: no server, no app. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runScript("seal-verify.ts", args, env);
}

let built: Built;
let dir: string;
let exported: string;
let pdf: string;
let publicKey: string;

beforeAll(async () => {
  built = await buildApp();
  dir = tempDir("coplan-seal-verify-");
  const { app, store, user } = built;
  const plan = await planAtReview(store, user.id);
  const rev = async () => String((await store.get(plan.id))!.rev);
  await post(app, `/plans/${plan.id}/next`, { rev: await rev() });
  await post(app, `/plans/${plan.id}/consent`, { rev: await rev(), agreeClient: "yes", agreeCaseManager: "yes" });
  await post(app, `/plans/${plan.id}/sign`, { rev: await rev(), party: "client", typedName: "Amira Haddad", agree: "yes" });
  expect((await post(app, `/plans/${plan.id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Jo Smith", agree: "yes" })).status).toBe(303);
  exported = join(dir, "plan.json");
  writeFileSync(exported, await (await get(app, `/plans/${plan.id}/export.json`)).text());
  const res = await get(app, `/plans/${plan.id}/retainer.pdf`);
  expect(res.status).toBe(200);
  pdf = join(dir, "retainer.pdf");
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  publicKey = join(dir, "key.pem");
  writeFileSync(publicKey, built.deps.signer.publicKeyPem);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(built.dataDir, { recursive: true, force: true });
});

/** A copy of the export, changed, in the temp folder. */
function changedExport(name: string, change: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(exported, "utf8"));
  change(doc);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe("npm run seal:verify", () => {
  it("says an untouched export is intact, and who signed it and when", async () => {
    const r = await run([exported, "--public-key", publicKey]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`INTACT. The seal was signed with the key ${built.deps.signer.keyId}`);
    expect(r.stdout).toContain("Client: Amira Haddad, signed 2026-11-24T10:00:00.000Z (typed name)");
    expect(r.stdout).toContain("Case manager: Jo Smith (account casey), signed 2026-11-24T10:00:00.000Z (typed name)");
  }, 30_000);

  it("says a retainer PDF is intact, from the seal it carries", async () => {
    const r = await run([pdf, "--public-key", publicKey]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("INTACT.");
    expect(r.stdout).toContain("Case manager: Jo Smith (account casey)");
    expect(r.stdout).toContain("not the text drawn on its pages");
    expect(r.stdout).toContain(`Goal (Housing at risk): “${WORDS.arabic}”`);
  }, 30_000);

  it("fails an export whose plan was edited, even with its seal re-hashed to match", async () => {
    const edited = changedExport("edited.json", (doc) => {
      doc.data.goals[0].clientWords = "I want to move out";
    });
    const shown = await run([edited, "--public-key", publicKey]);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain("NOT INTACT.");

    const rehashed = changedExport("rehashed.json", (doc) => {
      doc.seal.canonical = doc.seal.canonical.replace("Rent went up", "Rent went down");
      doc.seal.contentHash = sha256Hex(doc.seal.canonical);
      for (const s of doc.seal.signatures) s.contentHash = doc.seal.contentHash;
      doc.data.barriers[0].clientWords = "Rent went down";
    });
    const r = await run([rehashed, "--public-key", publicKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NOT INTACT. This record no longer matches its signatures");

    const renamed = changedExport("renamed.json", (doc) => {
      doc.seal.signatures[1].name = "Someone Else";
    });
    expect((await run([renamed, "--public-key", publicKey])).code).toBe(1);

    const shownName = changedExport("shown-name.json", (doc) => {
      doc.signatures[1].name = "Someone Else";
    });
    const shown2 = await run([shownName, "--public-key", publicKey]);
    expect(shown2.code).toBe(1);
    expect(shown2.stdout).toContain("differ from the sealed version");
  }, 60_000);

  it("passes a seal made before keyed seals with exit 2, saying that the public key alone cannot confirm it further", async () => {
    const old = changedExport("old.json", (doc) => {
      delete doc.seal.keyId;
      delete doc.seal.keySignature;
      for (const sigs of [doc.seal.signatures, doc.signatures]) for (const s of sigs) delete s.account;
    });
    const r = await run([old, "--public-key", publicKey]);
    expect(r.stdout).toContain("SEALED BEFORE KEYED SEALS EXISTED.");
    expect(r.stdout).toContain("cannot tell an old seal from a keyed seal whose signature was removed");
    expect(r.code).toBe(2);
  }, 30_000);

  it("fails with another installation's public key, saying which key sealed it", async () => {
    const other = join(dir, "other.pem");
    writeFileSync(other, generateKeyPairSync("ed25519").publicKey.export({ format: "pem", type: "spki" }));
    const r = await run([exported, "--public-key", other]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`key id ${built.deps.signer.keyId}`);
  }, 30_000);

  it("uses the data folder's key when no public key is given, and refuses a file that is not a retainer", async () => {
    expect((await run([pdf], { COPLAN_DATA_DIR: built.dataDir })).code).toBe(0);
    const notOne = join(dir, "note.txt");
    writeFileSync(notOne, "hello");
    const r = await run([notOne, "--public-key", publicKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Cannot check:");
  }, 30_000);
});
