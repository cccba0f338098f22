/**
 * Issues 4, 5 and 7 in a real browser: a case manager refused another's plan; the supervisor's
 * pages (all caseloads, handover, the audit log); training to the scorecard; a reassessment and
 * "What changed". axe checks each page.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { UserStore } from "../../src/auth/users.ts";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const OTHER = { username: "morgan", displayName: "Morgan Lee", password: "another long pass phrase" };
const SUPERVISOR = { username: "sam", displayName: "Sam Supervisor", password: "supervising all day long" };

describeInBrowser("oversight and training", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;
  const problems: string[] = [];
  const axe = async (where: string) => {
    const v = await axeViolations(browser.page);
    if (v.length) problems.push(formatViolations(where, v));
  };
  const signIn = async (who: { username: string; password: string }) => {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(server.url("/signin"));
    await page.fill("#signin-username", who.username);
    await page.fill("#signin-password", who.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/signin")), page.click('main form[action="/signin"] button[type=submit]')]);
  };

  beforeAll(async () => {
    await server.addCaseManager();
    const users = new UserStore(server.dataDir, () => new Date());
    await users.add({ ...OTHER, role: "case-manager" });
    await users.add({ ...SUPERVISOR, role: "supervisor" });
    await server.start();
    browser = await openBrowser({ bypassCSP: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("refuses another's plan, shows the supervisor every caseload and the audit log, and trains to a scorecard", { timeout: 150_000 }, async () => {
    const { page } = browser;
    await signIn(CASE_MANAGER);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await plan.answerUpToActions();
    await plan.finishToReview();

    // Another case manager, typing the address, gets nothing.
    await signIn(OTHER);
    const refused = await page.goto(server.url(plan.path));
    expect(refused?.status()).toBe(404);
    expect(await page.content()).not.toContain("Amira");
    await page.goto(server.url("/caseload"));
    expect(await page.content()).not.toContain("Amira");

    // The supervisor: every caseload, the handover page, the audit log with the refusal in it.
    await signIn(SUPERVISOR);
    await page.goto(server.url("/supervisor"));
    await page.getByText(/Casey Jones: \d+ plans?/).waitFor(); // each case manager, with their count of plans
    await page.locator(`tr[data-plan="${plan.id}"]`).getByText("Not signed yet").waitFor();
    await axe("supervisor: all caseloads");
    await page.goto(server.url(`${plan.path}/handover`));
    await axe("handover");
    await page.goto(server.url("/audit?action=access-refused"));
    await page.getByText("The log is intact").waitFor();
    // Only refusals are listed, and Morgan's look at Casey's plan is among them.
    const rows = await page.locator("table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.map((r) => r[3])).toEqual(rows.map(() => "Access refused")); // the action, in words
    expect(rows.some((r) => r[2] === OTHER.displayName && r[4] === plan.id), JSON.stringify(rows)).toBe(true);
    await axe("audit log");

    // Training: a practice plan with a treatment goal, coached, and its scorecard.
    await signIn(CASE_MANAGER);
    await page.goto(server.url("/training"));
    await page.getByRole("button", { name: "Practise: Housing at risk: lack of health supports" }).click();
    await page.getByText("Practice: made-up clients for training").waitFor();
    await page.getByLabel(/The goal, in .*own words/).fill("I want to reduce my anxiety symptoms");
    await page.getByRole("button", { name: "Add this goal" }).click();
    await page.getByText("Check this").first().waitFor();
    await axe("a coached step");
    await page.getByRole("button", { name: "Use as the measurable restatement" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(/treatment options/i).first().waitFor();
    await page.goto(page.url().replace(/\/?$/, "/scorecard"));
    await page.getByText(/out of 100/).waitFor();
    await axe("scorecard");

    expect(problems.join("\n\n")).toBe("");
    expect(browser.problems).toEqual([]);
  });
});
