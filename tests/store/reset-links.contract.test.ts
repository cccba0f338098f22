/**
 * What every ResetLinks store does, whichever deps.ts chose: the files of reset-store.ts and the
 * PostgreSQL `reset_links` table answer to the same tests, above all that of two uses of one link
 * at once exactly one gets it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RESET_LIFETIME_MS } from "../../src/auth/password-reset.ts";
import { type ResetLinks, ResetStore } from "../../src/auth/reset-store.ts";
import { PgResetLinks } from "../../src/store/pg-reset-links.ts";
import { tempDir } from "../helpers/app.ts";
import { freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
let schema: TestSchema | undefined;
afterEach(async () => {
  await schema?.drop();
  schema = undefined;
});

async function make(kind: string): Promise<ResetLinks> {
  if (kind === "embedded") return new ResetStore(tempDir());
  schema = await freshSchema();
  return new PgResetLinks(schema.pool({ max: 4 }));
}

describe.each(TEST_DATABASE_URL ? ["embedded", "PostgreSQL"] : ["embedded"])("the %s reset-link store", (kind) => {
  it("finds a link's record for its hour, and nothing for an unknown or malformed token", async () => {
    const links = await make(kind);
    const { token, expiresAt } = await links.issue("user-1", "admin-1", NOW, true);
    expect(expiresAt).toBe(at(RESET_LIFETIME_MS).toISOString());
    expect(await links.find(token, at(RESET_LIFETIME_MS - 1))).toEqual({ userId: "user-1", issuedBy: "admin-1", issuedAt: NOW.toISOString(), expiresAt, auditPending: true });
    expect(await links.find(token, at(RESET_LIFETIME_MS))).toBeNull();
    expect(await links.find("A".repeat(43), NOW)).toBeNull();
    expect(await links.find("../../users.json", NOW)).toBeNull();
    expect(await links.claim("not a token")).toBeNull();
  });

  it("a new link for an account ends its earlier one, and leaves other accounts' links working", async () => {
    const links = await make(kind);
    const first = await links.issue("user-1", "admin-1", NOW);
    const other = await links.issue("user-2", "admin-1", NOW);
    const second = await links.issue("user-1", "admin-1", at(1_000));
    expect(await links.find(first.token, at(2_000))).toBeNull();
    expect(await links.find(second.token, at(2_000))).toMatchObject({ userId: "user-1" });
    expect(await links.find(other.token, at(2_000))).toMatchObject({ userId: "user-2" });
  });

  it("of two uses at once, one takes the link; given back, it works again; spent, it is gone", async () => {
    const links = await make(kind);
    const { token } = await links.issue("user-1", "admin-1", NOW);
    const claims = await Promise.all([links.claim(token), links.claim(token)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await links.find(token, NOW)).toBeNull(); // taken: nobody else may start with it
    await claims.find(Boolean)!.giveBack();
    expect(await links.find(token, NOW)).toMatchObject({ userId: "user-1" });
    const again = await links.claim(token);
    await again!.spend();
    expect(await links.find(token, NOW)).toBeNull();
    expect(await links.claim(token)).toBeNull();
  });
});
