/**
 * Encrypts an existing plain store in place with COPLAN_ENCRYPTION_KEY:
 *   COPLAN_ENCRYPTION_KEY=... npm run store:encrypt
 * Stop Coplan first (it refuses while Coplan holds the data folder). Safe to run again after an
 * interruption: files already encrypted are skipped. See src/store/encrypt-store.ts.
 */
import { summarize } from "../src/plans/conversation.ts";
import { loadSettings } from "../src/settings.ts";
import { encryptStore } from "../src/store/encrypt-store.ts";

async function main() {
  const settings = loadSettings();
  if (!settings.encryptionKey) {
    throw new Error("COPLAN_ENCRYPTION_KEY is not set. Set it to the key Coplan will run with (32 bytes, e.g. `openssl rand -hex 32`), kept outside the data folder and its backups.");
  }
  const c = await encryptStore(settings.dataDir, settings.encryptionKey, summarize);
  console.log(`Plan files in ${settings.dataDir}: ${c.encrypted} encrypted, ${c.upgraded} rewritten in the bound format, ${c.skipped} already encrypted (left as they were).`);
  if (c.tightened) console.log(`Permissions narrowed to 0600 (files) and 0700 (folders) on ${c.tightened} entries.`);
  console.log("Every plan was read back with the key. Start Coplan with the same COPLAN_ENCRYPTION_KEY.");
  console.log("Accounts (users.json) and the audit log are not encrypted by Coplan: keep the data folder on an encrypted disk as well.");
}

main().catch((err) => {
  console.error(`The store was not encrypted: ${err instanceof Error ? err.message : String(err)}`);
  console.error("Files already encrypted stay encrypted; once the cause is fixed, run it again.");
  process.exit(1);
});
