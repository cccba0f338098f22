/** The rules of a reset link: what can be a token, what is kept of it, and when it ends. */
import { describe, expect, it } from "vitest";
import { isLive, NewPasswordForm, newResetRecord, newResetToken, RESET_LIFETIME_MS, resetKey } from "../../src/auth/password-reset.ts";
import { translator } from "../../src/i18n/translator.ts";

const en = translator("en", "UTC");
const es = translator("es", "UTC");

describe("password-reset links", () => {
  it("makes tokens of 256 random bits, never the same twice", () => {
    const a = newResetToken();
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(newResetToken()).not.toBe(a);
  });

  it.each([
    ["a real token", newResetToken(), true],
    ["too short", "abc", false],
    ["a path", "../../users.json".padEnd(43, "x"), false],
    ["44 characters", "a".repeat(44), false],
  ])("keeps a key only for a token's shape: %s", (_, token, ok) => {
    const key = resetKey(token);
    expect(key !== null).toBe(ok);
    if (key) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain(token);
    }
  });

  it("lives one hour and not a millisecond more", () => {
    const now = new Date("2026-12-03T10:00:00Z");
    const record = newResetRecord("u1", "admin1", now);
    expect(isLive(record, new Date(now.getTime() + RESET_LIFETIME_MS - 1))).toBe(true);
    expect(isLive(record, new Date(now.getTime() + RESET_LIFETIME_MS))).toBe(false);
  });

  it("asks for the same password twice, under the account rules, in the reader's language", () => {
    const short = NewPasswordForm.safeParse({ password: "short", confirm: "short" }).error!.issues[0].message;
    expect(en.t(short)).toContain("at least 12 characters");
    expect(es.t(short)).toContain("al menos 12 caracteres");
    const differ = NewPasswordForm.safeParse({ password: "long enough passphrase", confirm: "long enough passphrase!" }).error!.issues[0];
    expect(differ.path).toEqual(["confirm"]);
    expect(en.t(differ.message)).toBe("The two passwords are not the same.");
    expect(NewPasswordForm.safeParse({ password: "long enough passphrase", confirm: "long enough passphrase" }).success).toBe(true);
  });
});
