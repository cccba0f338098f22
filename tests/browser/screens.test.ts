/**
 * Issue 19, item 12: the whole conversation on a tablet held landscape (1024×768) and on a phone
 * (390×844). On the tablet the plan panel sits beside the conversation, and can be folded away to
 * give the conversation the whole width (a <details>, so it works without JavaScript too). On
 * neither screen does anything scroll sideways or break an ordinary word in the middle.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { newPlanToReview } from "./support/flow.ts";
import { layoutProblems, type Screen } from "./support/layout.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const TABLET: Screen = { width: 1024, height: 768 };
const PHONE: Screen = { width: 390, height: 844 };

describeInBrowser("the conversation on a tablet and on a phone", () => {
  const server = new CoplanServer();
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  });
  keepEvidenceOnFailure();
  beforeEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  for (const screen of [TABLET, PHONE]) {
    it(`runs the full flow at ${screen.width}×${screen.height}${screen === TABLET ? ", the plan beside the conversation" : ""}`, { timeout: 90_000 }, async () => {
      browser = await openBrowser({ viewport: screen });
      const problems: string[] = [];
      const page = browser.page;
      await newPlanToReview({ page, server, js: true, checkLayout: async (where) => void problems.push(...(await layoutProblems(page, screen, where))) });
      expect(problems).toEqual([]);
    });
  }

  it("folds the plan panel away and back without JavaScript, the conversation taking the width", { timeout: 60_000 }, async () => {
    browser = await openBrowser({ viewport: TABLET, javaScriptEnabled: false });
    const { page } = browser;
    await page.goto(server.url("/signin"));
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", CASE_MANAGER.password);
    await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await plan.answerUpToActions();
    await page.goto(server.url(plan.path));

    const width = (sel: string) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().width);
    const summary = page.locator(".plan-toggle > summary");
    expect(await summary.getAttribute("aria-controls")).toBeNull(); // a real <summary>: the browser says expanded or collapsed
    expect(await page.locator("#plan-panel").isVisible()).toBe(true);
    const sideBySide = await width(".conversation");
    expect(await layoutProblems(page, TABLET, "the action plan step")).toEqual([]);

    await summary.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#plan-panel").isVisible()).toBe(false);
    expect(await width(".conversation")).toBeGreaterThan(sideBySide + 200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#plan-panel").isVisible()).toBe(true);
    expect(await width(".conversation")).toBeCloseTo(sideBySide, 0);
  });
});
