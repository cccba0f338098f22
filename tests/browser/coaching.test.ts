/**
 * Issue 20 §4 and issue 19 item 14 in a real browser: coaching sits beside the answer it is about
 * and changes the moment that answer is edited in place; a training suggestion is used once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const VAGUE = "I want to sort things out";

async function signIn(page: Page, server: CoplanServer) {
  await page.goto(server.url("/signin"));
  await page.fill("#signin-username", CASE_MANAGER.username);
  await page.fill("#signin-password", CASE_MANAGER.password);
  await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
}

describeInBrowser("coaching beside its item, in Chromium", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
    browser = await openBrowser({ javaScriptEnabled: true });
    await signIn(browser.page, server);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("shows a vague goal's finding under it and beside it in the panel, naming it; editing the goal in place clears it at once", { timeout: 60_000 }, async () => {
    const { page } = browser;
    await page.goto(server.url("/plans/new"));
    await page.fill("#setup-clientName", "Amira Haddad");
    await page.check('input[name="serviceLength"][value="short-term"]');
    await page.fill("#setup-priorityIssues", "Housing at risk\nIncome");
    await Promise.all([page.waitForURL(/\/plans\/[\w-]+(#.*)?$/), page.click("form.setup-form button[type=submit]")]);
    // Only htmx swaps keep this mark: a full page load would drop it.
    await page.evaluate(() => ((window as unknown as { mark: boolean }).mark = true));

    await page.fill("#add-goals-clientWords", VAGUE);
    await page.click('#composer form.answer-form button.primary');
    const under = page.locator('#bubble-g1 .item-coaching [data-rule="goal-vague"]');
    await under.waitFor();
    expect(await under.textContent()).toContain(`Goal 1 “${VAGUE}”`);
    expect(await under.locator(".triggers").textContent()).toContain("sort things out");
    const beside = page.locator('#plan-panel [data-rule="goal-vague"]');
    expect(await beside.textContent()).toContain(`Goal 1 “${VAGUE}”`);
    // Not under the next question, which is about another issue.
    expect(await page.locator('#composer [data-rule="goal-vague"]').count()).toBe(0);
    // The explanation a supervisor reads, one click away.
    await under.locator("details.why summary").click();
    await expect.poll(() => under.locator("details.why").textContent()).toContain("Goals are specific and time-bound");

    // Edit the goal in place from the plan panel: a measurable, dated restatement.
    await page.click('#plan-panel a.edit-link[href$="/goals/g1/edit"]');
    await page.locator("#edit-g1-restatement").waitFor();
    await page.fill("#edit-g1-restatement", "Sign a new lease for the flat on Elm Street by 31 January 2027");
    await page.click("#bubble-g1 form.edit-form button.primary");
    await expect.poll(() => page.locator("#bubble-g1").textContent()).toContain("Sign a new lease");
    await expect.poll(() => page.locator('[data-rule="goal-vague"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { mark?: boolean }).mark)).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it("uses a training suggestion once: after one click (even a double click) it adds one goal and is no longer offered", { timeout: 60_000 }, async () => {
    const { page } = browser;
    await page.goto(server.url("/training"));
    await Promise.all([page.waitForURL(/\/plans\/[\w-]+(#.*)?$/), page.click('button:has-text("Practise: Housing at risk: lack of health supports")')]);
    const suggestion = page.locator(".scenario-answers button", { hasText: "I don't want to lose my home" });
    await suggestion.dblclick();
    const bubble = page.locator("#transcript > li.bubble", { hasText: "I don't want to lose my home" });
    await bubble.first().waitFor();
    // Both clicks have had their answer (a refusal for the second, if it was sent at all).
    await page.waitForLoadState("networkidle");
    expect(await bubble.count()).toBe(1);
    expect(await page.locator(".scenario-answers button", { hasText: "I don't want to lose my home" }).count()).toBe(0);
    await page.reload();
    expect(await page.locator("#transcript > li.bubble", { hasText: "I don't want to lose my home" }).count()).toBe(1);
    expect(await page.locator(".scenario-answers button", { hasText: "I don't want to lose my home" }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it("without JavaScript: the finding shows beside the goal on the page, and is gone from the page the edit leads back to", { timeout: 60_000 }, async () => {
    const plain = await openBrowser({ javaScriptEnabled: false });
    try {
      const { page } = plain;
      await signIn(page, server);
      await page.goto(server.url("/plans/new"));
      await page.fill("#setup-clientName", "Bea Lind");
      await page.check('input[name="serviceLength"][value="short-term"]');
      await page.fill("#setup-priorityIssues", "Housing at risk");
      await Promise.all([page.waitForURL(/\/plans\/[\w-]+(#.*)?$/), page.click("form.setup-form button[type=submit]")]);
      await page.fill("#add-goals-clientWords", VAGUE);
      await Promise.all([page.waitForEvent("load"), page.click("#composer form.answer-form button.primary")]);
      expect(await page.locator('#bubble-g1 [data-rule="goal-vague"]').textContent()).toContain(`Goal 1 “${VAGUE}”`);
      expect(await page.locator('#plan-panel [data-rule="goal-vague"]').count()).toBe(1);
      await Promise.all([page.waitForEvent("load"), page.click('#bubble-g1 a.edit-link[href$="/goals/g1/edit"]')]);
      await page.fill("#edit-g1-restatement", "Sign a new lease for the flat on Elm Street by 31 January 2027");
      await Promise.all([page.waitForEvent("load"), page.click("form.edit-form button.primary")]);
      expect(await page.locator("#bubble-g1").textContent()).toContain("Sign a new lease");
      expect(await page.locator('[data-rule="goal-vague"]').count()).toBe(0);
      expect(plain.problems).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
