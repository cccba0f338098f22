/**
 * Issue 7: on a phone (390×844 CSS pixels) the conversation and the new-plan form fit the screen
 * without sideways scrolling, and the text is at least 16 px.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const PHONE = { width: 390, height: 844 };

interface Fit {
  scrollWidth: number;
  bodyFontPx: number;
  /** Visible text set smaller than 16 px, or reaching past the right edge (cut off, or only seen by scrolling sideways). */
  smallText: string[];
  overflowing: string[];
}

async function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const smallText: string[] = [];
    const overflowing: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!ownText || el.closest(".visually-hidden")) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) smallText.push(`${describe(el)}: ${size}px`);
      // The text itself, not only its box: a long word can run out of a box that fits.
      let right = box.right;
      for (const n of el.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE || n.textContent!.trim() === "") continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        right = Math.max(right, range.getBoundingClientRect().right);
      }
      if (right > document.documentElement.clientWidth + 0.5) overflowing.push(`${describe(el)}: right edge at ${Math.round(right)}px`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
      smallText,
      overflowing,
    };
  });
}

describeInBrowser("Coplan on a phone-sized screen (390×844)", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
    browser = await openBrowser({ viewport: PHONE });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("shows each page without sideways scrolling and with text of at least 16 px", { timeout: 60_000 }, async () => {
    const { page } = browser;
    const problems: string[] = [];
    const check = async (what: string) => {
      const fit = await measure(page);
      const where = `${what} (${new URL(page.url()).pathname})`;
      if (fit.scrollWidth > PHONE.width) problems.push(`${where} scrolls sideways: ${fit.scrollWidth}px wide`);
      // Text past the right edge is cut off even where the page itself cannot scroll (overflow hidden).
      problems.push(...fit.overflowing.map((o) => `${where}: text past the right edge: ${o}`));
      if (fit.bodyFontPx < 16) problems.push(`${where}: body text is ${fit.bodyFontPx}px`);
      problems.push(...fit.smallText.map((t) => `${where}: small text ${t}`));
    };

    await page.goto(server.url("/signin"));
    await check("the sign-in page");
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", CASE_MANAGER.password);
    await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);

    await page.goto(server.url("/plans/new"));
    await check("the new-plan form");
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await page.goto(server.url(plan.path));
    await check("the conversation at its first question");
    await plan.answerUpToActions();
    await page.goto(server.url(plan.path));
    await check("the conversation at the action plan, the plan panel filled in");
    await page.goto(server.url((await page.locator('#plan-panel a.edit-link[href*="/actions/"]').first().getAttribute("href"))!));
    await check("an action's edit page");
    await plan.finishToReview();
    await page.goto(server.url(plan.path));
    await check("the conversation at the review");
    await page.goto(server.url("/caseload"));
    await check("my caseload");

    // The new-plan form with its error messages shown, as the server sends it back (422).
    await page.goto(server.url("/plans/new"));
    await page.fill("#setup-clientName", "محمد عبد الله الخوارزمي");
    await page.check('input[name="serviceLength"][value="brief"]');
    await page.fill("#setup-annualReviewDate", "2020-01-01");
    await page.fill("#setup-priorityIssues", "Debt");
    await Promise.all([page.waitForURL(/\/plans$/), page.click('button:has-text("Start the conversation")')]);
    await page.locator("main .error-message").first().waitFor();
    await check("the new-plan form with errors");

    if (problems.length) console.error(problems.join("\n"));
    expect(problems).toEqual([]);
  });
});
