/**
 * Issue 7: axe-core finds no WCAG 2.0/2.1 A or AA violation on any page or state the conversation
 * passes through, errors included. All findings are gathered first and printed together, so one
 * run lists everything there is to fix.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const ADMIN_PASSWORD = "a long and private passphrase";

describeInBrowser("axe-core (WCAG 2.1 A and AA) on every page and state of the conversation", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;
  beforeAll(async () => {
    await server.start();
    // Under the real CSP: axe is evaluated through the DevTools protocol (support/axe.ts), so a
    // refusal on any page checked here fails the test too.
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("finds no violations", { timeout: 60_000 }, async () => {
    const { page } = browser;
    const findings: string[] = [];
    const checked: string[] = [];
    const check = async (state: string) => {
      const violations = await axeViolations(page);
      checked.push(state);
      if (violations.length) findings.push(formatViolations(`${state} (${new URL(page.url()).pathname})`, violations));
    };
    const step = (label: string) => page.locator("#progress-now", { hasText: label }).waitFor();
    const swapped = (selector: string) => page.locator(selector).first().waitFor();

    // First run: Coplan has no accounts and prints a one-time link for the first administrator.
    await page.goto(server.url(await server.setupPath()));
    await check("first-run set-up");
    await page.fill("#setup-username", "admin");
    await page.fill("#setup-displayName", "Ada Admin");
    await page.fill("#setup-password", ADMIN_PASSWORD);
    await page.fill("#setup-confirm", "not the same password");
    await Promise.all([page.waitForLoadState("load"), page.click("main form button[type=submit]")]);
    await swapped(".error-message");
    await check("first-run set-up with errors (422)");
    await page.fill("#setup-password", ADMIN_PASSWORD);
    await page.fill("#setup-confirm", ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(/\/users$/), page.click("main form button[type=submit]")]);
    await check("staff accounts");
    await page.fill("#user-username", CASE_MANAGER.username);
    await page.fill("#user-displayName", CASE_MANAGER.displayName);
    await page.check('input[name="role"][value="case-manager"]');
    await page.fill("#user-password", CASE_MANAGER.password);
    await Promise.all([page.waitForLoadState("load"), page.click('main form[action="/users"] button[type=submit]')]);
    await swapped(`main table td:text-is("${CASE_MANAGER.username}")`);
    await check("staff accounts, one added");
    await Promise.all([page.waitForURL(/\/signin/), page.click('header form.signout button')]);
    await check("sign-in");
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", "not the password at all");
    await Promise.all([page.waitForLoadState("load"), page.click('main form[action="/signin"] button[type=submit]')]);
    await swapped("main .notice-error");
    await check("sign-in refused (401)");
    await page.fill("#signin-password", CASE_MANAGER.password);
    await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
    await check("my caseload, empty");

    await page.goto(server.url("/plans/new"));
    await check("the new-plan form");

    // The server's own validation (the browser's `required` checks pass): the review date is
    // before the plan date. 422, the same form, the typed words kept.
    await page.fill("#setup-clientName", "Amira Haddad");
    await page.fill("#setup-preferredName", "Amira");
    await page.check('input[name="serviceLength"][value="short-term"]');
    await page.fill("#setup-planDate", "2026-11-24");
    await page.fill("#setup-annualReviewDate", "2026-01-01");
    await page.fill("#setup-priorityIssues", "Housing at risk\nIncome\nFamily contact");
    await Promise.all([page.waitForURL(/\/plans$/), page.click('button:has-text("Start the conversation")')]);
    await swapped("main .error-message");
    await check("the new-plan form with errors (422)");
    await page.fill("#setup-annualReviewDate", "2027-11-24");
    await Promise.all([page.waitForURL(/\/plans\/[\w-]+$/), page.click('button:has-text("Start the conversation")')]);
    await step("Step 2 of 7: Goals");
    const planPath = new URL(page.url()).pathname;
    await check("goals, the first question");

    await page.click('#composer button:has-text("Continue to barriers")');
    await swapped("#composer .notice-refusal");
    await check("goals, refused: no goal yet (422)");

    await page.fill("#add-goals-clientWords", "أريد أن أبقى في شقتي, I want to keep my flat 🏠");
    await page.click('#composer button:has-text("Add this goal")');
    await swapped("#transcript #bubble-g1");
    await page.fill("#add-goals-clientWords", "Find part-time work");
    await page.click('#composer button:has-text("Add this goal")');
    await swapped("#transcript #bubble-g2");
    await page.click("#composer details.decline > summary");
    await check("goals, two answered, the decline form open");
    await page.fill("#add-declined-reason", "Not now");
    await page.click('#composer button:has-text("Record that this area is not addressed")');
    await swapped("#transcript li.bubble >> text=Not now");
    await check("goals, every issue answered");

    await page.click('#composer button:has-text("Continue to barriers")');
    await step("Step 3 of 7: Barriers");
    await check("barriers");
    await page.fill("#add-barriers-clientWords", "I can't pay the rent");
    await page.selectOption("#add-barriers-category", "financial-insecurity");
    await page.click('#composer button:has-text("Continue to strengths")');
    await step("Step 4 of 7: Strengths");
    await check("strengths");
    await page.fill("#add-strengths-clientWords", "I am organised");
    await page.check('#composer input[name="role"][value="alone"]');
    await page.click('#composer button:has-text("Continue to action plan")');
    await step("Step 5 of 7: Action plan");
    await check("actions");

    // "Continue" saves what is written first; with only a description the other fields are missing.
    await page.fill("#add-actions-description", "Refer to the rent assistance programme");
    await page.click('#composer button:has-text("Continue to contract")');
    await swapped("#composer .error-message");
    await check("actions, an incomplete action (422, a message beside each field)");
    await page.check('#composer input[name="kind"][value="referral"]');
    await page.selectOption("#add-actions-responsibleRole", "case-manager");
    await page.fill("#add-actions-targetDate", "2026-12-15");
    await page.click('#composer button:has-text("Add this action")');
    await swapped("#transcript li.bubble >> text=Refer to the rent assistance programme");
    await page.selectOption("#add-actions-goalId", "g2");
    await page.check('#composer input[name="kind"][value="service"]');
    await page.fill("#add-actions-description", "Sign up with the employment service");
    await page.selectOption("#add-actions-responsibleRole", "provider");
    await page.check('#composer input[name="targetKind"][value="annual-review"]');
    await page.click('#composer button:has-text("Continue to contract")');
    await step("Step 6 of 7: Contract wording");
    await check("contract wording");

    await page.click('#plan-panel a.edit-link[href$="/goals/g1/edit"]');
    await swapped("#transcript form.edit-form");
    await check("the first goal's edit form, swapped into the transcript");
    await page.fill("form.edit-form textarea[name='clientWords']", "Keep my flat near the school");
    await page.click('form.edit-form button:has-text("Save the change")');
    await swapped("#transcript #bubble-g1 >> text=Keep my flat near the school");
    await check("contract wording after an edit");

    const barrierEdit = await page.locator('#plan-panel a.edit-link[href*="/barriers/"]').first().getAttribute("href");
    await page.goto(server.url(barrierEdit!));
    await check("an answer's edit page (without JavaScript)");
    await page.goto(server.url(planPath));
    await page.click('#composer button[name="then"][value="next"]');
    await step("Step 7 of 7: Review");
    await swapped("#composer .status-ready");
    await check("review, ready to sign");

    await page.goto(server.url("/caseload"));
    await check("my caseload, one plan");
    await page.goto(server.url("/plans/no-such-plan"));
    await check("the error page (404)");

    console.log(`axe checked ${checked.length} pages and states:\n  ${checked.join("\n  ")}`);
    if (findings.length) console.error(findings.join("\n\n"));
    expect(findings, findings.join("\n\n")).toEqual([]);
  });

  it("would see a violation: axe runs on these pages rather than answering nothing", { timeout: 30_000 }, async () => {
    const { page } = browser;
    await page.goto(server.url("/signin"));
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const img = document.createElement("img"); // no alt text: WCAG 1.1.1
      img.src = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="; // a picture that loads: a missing file would fail the test on its own
      document.querySelector("main")!.append(img);
    });
    expect((await axeViolations(page)).map((v) => v.id)).toContain("image-alt");
  });
});
