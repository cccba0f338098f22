/**
 * Seals made before keyed seals existed, against the downgrade attack: someone who can write the
 * data folder strips a keyed seal's signature, edits the plan and re-hashes it, so it would pass as
 * an old seal. The key, when first made, signs a list of the old seals the store held then.
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, get, tempDir, text, type Built } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";
import { sha256Hex } from "../../src/signing/canonical.ts";

const BROKEN = "This record no longer matches its signatures";
const STRIPPED = "its seal signature has been removed, or it was never sealed by this installation";
const UNCONFIRMABLE = "cannot be confirmed";
const UNKEYED = "Sealed before keyed seals existed";

const opened: Built[] = [];
afterEach(async () => {
  for (const b of opened.splice(0)) {
    await b.store.close?.();
    await b.deps.audit.close();
    rmSync(b.dataDir, { recursive: true, force: true });
  }
});

async function start(dataDir?: string, env: Record<string, string> = {}): Promise<Built> {
  const built = await buildApp(dataDir, undefined, env);
  opened.push(built);
  return built;
}

/** Stops an app over the folder without removing it: the next start reads the same files. */
async function stop(built: Built): Promise<void> {
  await built.store.close?.();
  await built.deps.audit.close();
  opened.splice(opened.indexOf(built), 1);
}

const planFile = (built: Built, id: string) => join(built.dataDir, "plans", `${id}.json`);
const manifestFile = (dataDir: string) => join(dataDir, "keys", "legacy-seals.json");

/** What someone who can write the data folder, but holds no key, can do to a plan's file. */
function alter(file: string, change: (doc: any) => void) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  change(doc);
  writeFileSync(file, JSON.stringify(doc));
}

/** Makes a keyed seal look like one made before keyed seals existed. */
function strip(doc: any, edit?: [string, string]) {
  delete doc.sealed.keyId;
  delete doc.sealed.keySignature;
  for (const s of doc.sealed.signatures) delete s.account;
  if (edit) {
    doc.sealed.canonical = doc.sealed.canonical.replaceAll(edit[0], edit[1]);
    doc.sealed.contentHash = sha256Hex(doc.sealed.canonical);
    for (const s of doc.sealed.signatures) s.contentHash = doc.sealed.contentHash;
  }
}

const page = async (built: Built, path: string) => text(await (await get(built.app, path)).text());

/**
 * A data folder as an earlier version left it: a plan sealed the old way and no signing key yet.
 * Made by sealing a plan, stripping its key signature and then removing the key, as it was before.
 */
async function oldInstallation(): Promise<{ dataDir: string; oldId: string }> {
  const before = await start();
  const plan = await signedPlan(before.store, before.user.id);
  await before.store.checkpoint!();
  alter(planFile(before, plan.id), (doc) => strip(doc));
  await stop(before);
  rmSync(join(before.dataDir, "keys"), { recursive: true, force: true });
  rmSync(join(before.dataDir, "audit-head.json"), { force: true });
  return { dataDir: before.dataDir, oldId: plan.id };
}

/** `npm run user:add` on the folder, as an administrator might before the first start of this version. */
function userAdd(dataDir: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-add.ts", "--username", "sam", "--name", "Sam Jones", "--role", "case-manager"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COPLAN_DATA_DIR: dataDir },
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
}

describe("seals made before keyed seals existed", () => {
  it("are listed by npm run user:add when it is what makes the key, so the server's first start still accepts them", async () => {
    const { dataDir, oldId } = await oldInstallation();
    expect(await userAdd(dataDir)).toBe(0);
    const built = await start(dataDir);
    const html = await page(built, `/plans/${oldId}`);
    expect(html).toContain(UNKEYED);
    expect(html).not.toContain(UNCONFIRMABLE);
  }, 60_000);

  it("accepts an old plan present at the key's first start, labelled, and lists it in a signed manifest (0600)", async () => {
    const { dataDir, oldId } = await oldInstallation();
    const built = await start(dataDir);
    for (const path of [`/plans/${oldId}`, `/plans/${oldId}/retainer`, `/plans/${oldId}/handover`]) {
      const html = await page(built, path);
      expect(html, path).toContain(UNKEYED);
      expect(html, path).not.toContain(BROKEN);
    }
    const manifest = JSON.parse(readFileSync(manifestFile(dataDir), "utf8"));
    const stored = (await built.store.get(oldId))!;
    expect(manifest).toMatchObject({ format: "coplan.legacy-seals", keyId: built.deps.signer.keyId, seals: [{ planId: oldId, version: 1, contentHash: stored.sealed!.contentHash }] });
    expect(statSync(manifestFile(dataDir)).mode & 0o777).toBe(0o600);
    // Read again at the next start, not made again: still accepted.
    await stop(built);
    const again = await start(dataDir);
    expect(await page(again, `/plans/${oldId}`)).toContain(UNKEYED);
  });

  it("reports a keyed seal stripped to look old, edited and re-hashed, as broken in plain words", async () => {
    const built = await start();
    const plan = await signedPlan(built.store, built.user.id);
    const untouched = await signedPlan(built.store, built.user.id);
    await built.store.checkpoint!();
    alter(planFile(built, plan.id), (doc) => {
      strip(doc, ["Rent went up", "Rent went down"]);
      doc.snapshot.context.data.barriers[0].clientWords = "Rent went down";
    });
    alter(planFile(built, untouched.id), (doc) => strip(doc));
    for (const id of [plan.id, untouched.id]) {
      for (const path of [`/plans/${id}`, `/plans/${id}/retainer`, `/plans/${id}/handover`]) {
        const html = await page(built, path);
        expect(html, path).toContain(BROKEN);
        expect(html, path).toContain(STRIPPED);
        expect(html, path).not.toContain(UNKEYED);
      }
    }
    expect((await get(built.app, `/plans/${plan.id}/export.json`)).status).toBe(409);
  });

  it("reports every old seal as not confirmable when the manifest is deleted", async () => {
    const { dataDir, oldId } = await oldInstallation();
    await stop(await start(dataDir));
    rmSync(manifestFile(dataDir));
    const built = await start(dataDir);
    const html = await page(built, `/plans/${oldId}`);
    expect(html).toContain(UNCONFIRMABLE);
    expect(html).toContain("is missing from the data folder");
    expect(html).not.toContain(UNKEYED);
  });

  it("refuses a forged manifest: one edited to list a stripped seal, its signature no longer matching", async () => {
    const { dataDir, oldId } = await oldInstallation();
    const first = await start(dataDir);
    const plan = await signedPlan(first.store, first.user.id);
    await first.store.checkpoint!();
    await stop(first);
    alter(join(dataDir, "plans", `${plan.id}.json`), (doc) => strip(doc, ["Rent went up", "Rent went down"]));
    const stripped = JSON.parse(readFileSync(join(dataDir, "plans", `${plan.id}.json`), "utf8")).sealed.contentHash;
    alter(manifestFile(dataDir), (m) => m.seals.push({ planId: plan.id, version: 1, contentHash: stripped }));
    const built = await start(dataDir);
    for (const id of [oldId, plan.id]) {
      const html = await page(built, `/plans/${id}`);
      expect(html, id).toContain(UNCONFIRMABLE);
      expect(html, id).toContain("has been changed or damaged");
      expect(html, id).not.toContain(UNKEYED);
    }
  });

  it("seals a new plan after start with the key, unaffected by the manifest", async () => {
    const { dataDir, oldId } = await oldInstallation();
    const built = await start(dataDir);
    const plan = await signedPlan(built.store, built.user.id);
    const html = await page(built, `/plans/${plan.id}`);
    expect(html).not.toContain(UNKEYED);
    expect(html).not.toContain(BROKEN);
    const exported = await (await get(built.app, `/plans/${plan.id}/export.json`)).json();
    expect(exported).toMatchObject({ integrity: "verified" });
    expect(exported.seal.keyId).toBe(built.deps.signer.keyId);
    const manifest = JSON.parse(readFileSync(manifestFile(dataDir), "utf8"));
    expect(manifest.seals.map((s: { planId: string }) => s.planId)).toEqual([oldId]);
  });

  it("with the key from COPLAN_SIGNING_KEY, makes the manifest at the first start that has none", async () => {
    const { dataDir, oldId } = await oldInstallation();
    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const built = await start(dataDir, { COPLAN_SIGNING_KEY: pem });
    expect(await page(built, `/plans/${oldId}`)).toContain(UNKEYED);
    expect(JSON.parse(readFileSync(manifestFile(dataDir), "utf8")).keyId).toBe(built.deps.signer.keyId);
  });
});
