/**
 * Issues 2 and 7 in a real browser: a case manager, keyboard only, goes from a new plan to the
 * review step, edits the first goal from the plan panel and carries on after a server restart;
 * once with JavaScript (htmx swaps fragments) and once without (plain forms, 303 redirects).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { newPlanToReview } from "./support/flow.ts";
import { CoplanServer } from "./support/server.ts";

describeInBrowser("the conversation in Chromium, keyboard only", () => {
  const server = new CoplanServer();
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  });
  keepEvidenceOnFailure();
  // Each test has its own browser; the last one stays open until its evidence has been kept.
  beforeEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it("with JavaScript: htmx answers in place, the focus follows each question", { timeout: 60_000 }, async () => {
    browser = await openBrowser({ javaScriptEnabled: true });
    await newPlanToReview({ page: browser.page, server, js: true });
    // No script error, no CSP refusal: htmx and Coplan's scripts run under the real policy.
    expect(browser.problems).toEqual([]);
  });

  it("without JavaScript: plain forms and 303 redirects do the same", { timeout: 60_000 }, async () => {
    browser = await openBrowser({ javaScriptEnabled: false });
    await newPlanToReview({ page: browser.page, server, js: false });
    expect(browser.problems).toEqual([]);
  });

  it("would see a CSP refusal or a script error: the checks above are not empty by default", { timeout: 30_000 }, async () => {
    browser = await openBrowser({ javaScriptEnabled: true });
    const { page, problems } = browser;
    await page.goto(server.url("/signin"));
    await page.evaluate(() => {
      const inline = document.createElement("script"); // refused: script-src 'self' has no inline scripts
      inline.textContent = "window.ranInline = true";
      document.head.append(inline);
      const missing = document.createElement("img"); // a file the page needs that is not there
      missing.src = "/r/no-such-plan/no-such-picture"; // a 404 that needs no session
      missing.alt = "";
      document.body.append(missing);
      setTimeout(() => {
        throw new Error("a failing script");
      });
    });
    await expect.poll(() => problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.join("\n")).toMatch(/Content Security Policy/);
    expect(problems.join("\n")).toContain("a failing script");
    expect(problems.join("\n")).toMatch(/404 for .*no-such-picture \(image\)/);
    expect(await page.evaluate(() => "ranInline" in window)).toBe(false);
    // Seen and asserted: emptied, so that failOnPageProblems (support/browser.ts) lets this test pass.
    problems.splice(0);
  });
});
