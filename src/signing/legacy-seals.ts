/**
 * The signed list of seals made before keyed seals existed ("legacy seals").
 *
 * An old seal carries no key signature, only a SHA-256. Without this list, whoever can write the
 * data folder could take a keyed seal, strip its key signature, edit the plan and re-hash it, and
 * it would pass as an old seal. So when the installation's key is first made (the first start of a
 * keyed version, when the store may already hold old sealed plans), every old seal then in the
 * store is listed once, by plan, version and content hash, and the list is signed with the new
 * key: `keys/legacy-seals.json`. From then on an old seal is accepted only if it is on that list.
 * Nothing can be added to the list later without the private key.
 *
 * When the key comes from COPLAN_SIGNING_KEY, Coplan cannot tell its first start from any other,
 * so a missing list is made at that start too: there, deleting the list (and restarting) is not
 * detected. Where Coplan made the key file itself, a missing list is: every old seal is then
 * reported as not confirmable.
 */
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { PlanStore } from "../store/plan-store.ts";
import { DIR_MODE, writeDurably } from "../store/durable-file.ts";
import { canonicalJson } from "./canonical.ts";
import type { Signer } from "./keys.ts";
import type { LegacySeal, LegacySeals } from "./legacy-seal-list.ts";

export type { LegacySeal, LegacySeals };

export const LEGACY_SEALS_FORMAT = "coplan.legacy-seals";

const ManifestSchema = z.object({
  format: z.literal(LEGACY_SEALS_FORMAT),
  keyId: z.string(),
  createdAt: z.string(),
  seals: z.array(z.object({ planId: z.string(), version: z.number().int().positive(), contentHash: z.string() })),
  signature: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function legacySealsFile(dataDir: string): string {
  return join(dataDir, "keys", "legacy-seals.json");
}

/** The text the key signs: the manifest without its signature, in canonical JSON. */
function signedText(m: Omit<Manifest, "signature">): string {
  return canonicalJson({ format: m.format, keyId: m.keyId, createdAt: m.createdAt, seals: m.seals });
}

export function makeManifest(signer: Pick<Signer, "keyId" | "sign">, seals: LegacySeal[], createdAt: string): Manifest {
  const body = { format: LEGACY_SEALS_FORMAT, keyId: signer.keyId, createdAt, seals } as const;
  return { ...body, signature: signer.sign(signedText(body)) };
}

const sealKey = (s: LegacySeal) => `${s.planId}\n${s.version}\n${s.contentHash}`;

/** Every old seal is refused with the same reason: the list that would confirm it is not there or not whole. */
const unconfirmable = (why: string): LegacySeals => ({ status: () => ({ unconfirmable: why }) });

/** Why an old seal cannot be confirmed: codes of messages (seal.legacyList.*), said in the reader's language. */
export const MANIFEST_MISSING = "missing";
export const MANIFEST_BAD = "damaged";

/** Reads a manifest's text, trusting nothing: its shape, its key and its signature. */
export function readManifest(text: string | null, key: Pick<Signer, "keyId" | "verify">): LegacySeals {
  if (text === null) return unconfirmable(MANIFEST_MISSING);
  let parsed: Manifest;
  try {
    const result = ManifestSchema.safeParse(JSON.parse(text));
    if (!result.success) return unconfirmable(MANIFEST_BAD);
    parsed = result.data;
  } catch {
    return unconfirmable(MANIFEST_BAD);
  }
  if (parsed.keyId !== key.keyId || !key.verify(signedText(parsed), parsed.signature)) return unconfirmable(MANIFEST_BAD);
  const listed = new Set(parsed.seals.map(sealKey));
  return { status: (planId, version, contentHash) => (listed.has(sealKey({ planId, version, contentHash })) ? "listed" : "unlisted") };
}

/** Every sealed version in the store, current and earlier, whose seal has no key signature. */
export async function findLegacySeals(store: PlanStore): Promise<LegacySeal[]> {
  const found: LegacySeal[] = [];
  for (const { id } of await store.list()) {
    const plan = await store.get(id);
    if (!plan) continue;
    for (const sealed of [plan.sealed, ...plan.history.map((h) => h.sealed)]) {
      if (sealed && sealed.keySignature === undefined) found.push({ planId: plan.id, version: sealed.version, contentHash: sealed.contentHash });
    }
  }
  return found;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * At start, after the store is initialised: the list for this key. Made now (store scanned once,
 * written 0600 by temp file and rename) where the key was just made, or given in the environment
 * with no list yet; otherwise read and checked.
 */
export async function loadLegacySeals(dataDir: string, signer: Signer, store: PlanStore, now: () => Date): Promise<LegacySeals> {
  const file = legacySealsFile(dataDir);
  const text = await readText(file);
  const makeNow = signer.origin === "created" || (signer.origin === "environment" && text === null);
  if (!makeNow) return readManifest(text, signer);
  const manifest = makeManifest(signer, await findLegacySeals(store), now().toISOString());
  const written = JSON.stringify(manifest, null, 1);
  await mkdir(dirname(file), { recursive: true, mode: DIR_MODE }); // a key from the environment made no folder
  await writeDurably(file, written);
  return readManifest(written, signer);
}
