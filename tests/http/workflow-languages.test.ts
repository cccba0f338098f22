/**
 * Issue 22: the pages after signing and for oversight speak the reader's language (caseload,
 * progress, supervisor, handover, changes, audit) and the calendar feed its subscriber's. The
 * client's own words are shown exactly as typed; dates come through Intl, on the agency's clock.
 */
import { describe, expect, it } from "vitest";
import { ORIGIN, type App, buildApp, text } from "../helpers/app.ts";
import { WORDS } from "../helpers/plans.ts";
import { signedPlan } from "../helpers/signed.ts";

async function page(app: App, path: string, lang: string) {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { "Accept-Language": lang } });
  expect(res.status, path).toBe(200);
  return text(await res.text());
}

describe("the caseload in other languages", () => {
  it("is in Arabic, right to left, with dates in Arabic words and the client's name as typed", async () => {
    const { app, store, user } = await buildApp();
    await signedPlan(store, user.id);
    const html = await page(app, "/caseload", "ar");
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("<h1>الحالات المسندة إليّ</h1>");
    expect(html).toContain("الموعد المستهدف التالي"); // the column "Next target date"
    expect(html).toContain(">موقّعة<"); // "Signed"
    expect(html).toContain("15 يناير 2027"); // the first target date, 2027-01-15
    expect(html).toContain("Amira Haddad");
    expect(html).not.toContain("My caseload");
  });

  it("is in Chinese", async () => {
    const { app, store, user } = await buildApp();
    await signedPlan(store, user.id);
    const html = await page(app, "/caseload", "zh-Hans");
    expect(html).toContain('<html lang="zh-Hans" dir="ltr"');
    expect(html).toContain("<h1>我的个案量</h1>");
    expect(html).toContain("2027年1月15日");
    expect(html).toContain("今天是2026年11月24日。");
  });
});
