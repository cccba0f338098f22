import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPlan, loadPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { decrypt, encrypt } from "../../src/store/encryption.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

const KEY = Buffer.alloc(32, 7);
const open = (dataDir: string, encryptionKey: Buffer | null = KEY) =>
  new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize, encryptionKey: encryptionKey ?? undefined });
const goal = (clientWords: string) => ({ type: "ADD" as const, kind: "goals" as const, input: { issue: "Housing at risk", clientWords } });
const planFile = (dataDir: string, id: string) => join(dataDir, "plans", `${id}.json`);
const segments = (dataDir: string) => (existsSync(join(dataDir, "journal")) ? readdirSync(join(dataDir, "journal")).map((n) => join(dataDir, "journal", n)) : []);
/** Long enough for the OS to report a file change. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The envelope Coplan wrote before files were bound to their plan: AES-256-GCM with no associated data. */
function oldFormat(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return JSON.stringify({ enc: "coplan-aes-256-gcm", iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") });
}

describe("encrypted files are bound to their plan and revision", () => {
  it("authenticates the binding: a file whose header names another plan or revision does not decrypt", () => {
    const sealed = JSON.parse(encrypt('{"a":1}', KEY, { kind: "plan", id: "AAAAAAAAAAAAAAAA", rev: 2 }));
    expect(decrypt(sealed, KEY)).toBe('{"a":1}');
    expect(() => decrypt({ ...sealed, bind: { ...sealed.bind, rev: 3 } }, KEY)).toThrow(/cannot be decrypted/);
    expect(() => decrypt({ ...sealed, bind: { ...sealed.bind, id: "BBBBBBBBBBBBBBBB" } }, KEY)).toThrow(/cannot be decrypted/);
  });

  it("refuses at start-up a plan's file copied over another plan's, naming the file", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    const b = await createPlan(store, { ...SETUP, clientName: "Someone Else" });
    await store.close();
    copyFileSync(planFile(dataDir, a.id), planFile(dataDir, b.id));
    const init = open(dataDir).init();
    await expect(init).rejects.toThrow(planFile(dataDir, b.id));
    await expect(init).rejects.toThrow(`holds plan ${a.id}`);
  });

  it("refuses at start-up an older revision of a plan put back in place of its file", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    await store.checkpoint();
    const older = readFileSync(planFile(dataDir, a.id));
    await sendEvent(store, a.id, a.rev, goal("Keep my flat"));
    await store.close();
    writeFileSync(planFile(dataDir, a.id), older);
    await expect(open(dataDir).init()).rejects.toThrow(/revision 1 of plan .*revision 2/);
  });

  it("refuses an older revision put back while Coplan runs", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    await store.checkpoint();
    const older = readFileSync(planFile(dataDir, a.id));
    await sendEvent(store, a.id, a.rev, goal("Keep my flat"));
    await store.checkpoint();
    await settle();
    writeFileSync(planFile(dataDir, a.id), older);
    await settle();
    await expect(store.get(a.id)).rejects.toThrow(/older copy/);
    await store.close().catch(() => {});
  });

  it("refuses a journal line that carries another plan's encrypted file", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    const b = await createPlan(store, { ...SETUP, clientName: "Someone Else" });
    // Left open, as a crash would leave it: both saves are only in the journal.
    const [segment] = segments(dataDir);
    const bText = readFileSync(segment, "utf8").split("\n").find((l) => l.split(" ")[1] === b.id)!.split(" ").slice(2).join(" ");
    const sum = createHash("sha256").update(a.id).update(" ").update(bText).digest("hex").slice(0, 16);
    writeFileSync(segment, `${sum} ${a.id} ${bText}\n`);
    await expect(open(dataDir).init()).rejects.toThrow(segment);
  });

  it("reads a file in the older format without a binding, and writes it bound at its next save", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    await store.close();
    const file = planFile(dataDir, a.id);
    const text = decrypt(JSON.parse(readFileSync(file, "utf8")), KEY);
    writeFileSync(file, oldFormat(text, KEY));
    const again = open(dataDir);
    expect((await loadPlan(again, a.id))?.rev).toBe(1);
    await sendEvent(again, a.id, 1, goal("Keep my flat"));
    await again.close();
    expect(JSON.parse(readFileSync(file, "utf8")).bind).toEqual({ kind: "plan", id: a.id, rev: 2 });
  });

  it("still refuses an older-format file copied over another plan's", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    const b = await createPlan(store, SETUP);
    await store.close();
    const text = decrypt(JSON.parse(readFileSync(planFile(dataDir, a.id), "utf8")), KEY);
    writeFileSync(planFile(dataDir, b.id), oldFormat(text, KEY));
    await expect(open(dataDir).init()).rejects.toThrow(`holds plan ${a.id}`);
  });
});

describe("with a key set, plain files are refused", () => {
  it("stops start-up on a plain plan file, naming it and saying how to encrypt the store", async () => {
    const dataDir = tempDir();
    const plain = open(dataDir, null);
    const a = await createPlan(plain, SETUP);
    await plain.close();
    const init = open(dataDir).init();
    await expect(init).rejects.toThrow(planFile(dataDir, a.id));
    await expect(init).rejects.toThrow(/not encrypted.*npm run store:encrypt/s);
  });

  it("stops start-up on a plain journal line, naming the journal", async () => {
    const dataDir = tempDir();
    const plain = open(dataDir, null);
    await createPlan(plain, SETUP); // left open: the save is only in the journal
    const [segment] = segments(dataDir);
    const init = open(dataDir).init();
    await expect(init).rejects.toThrow(segment);
    await expect(init).rejects.toThrow(/not encrypted/);
  });
});
