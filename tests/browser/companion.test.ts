/**
 * Issue 23: two devices, one plan, live. A desktop (the shared screen) and a phone (390×844), in
 * two browsers: each sees the other's answer within a second, the phone opens nothing of the
 * staff's, it reconnects after a server restart, and an ended link gives 410.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, server: CoplanServer) {
  await page.goto(server.url("/signin"));
  await page.fill("#signin-username", CASE_MANAGER.username);
  await page.fill("#signin-password", CASE_MANAGER.password);
  await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
}

/** Resolves once `text` is in `selector`, and says how long that took from `since`. */
async function seenWithin(page: Page, selector: string, text: string, since: number, timeout = 1000): Promise<number> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: timeout + 500 });
  return Date.now() - since;
}

describeInBrowser("the client's phone beside the shared screen", () => {
  const server = new CoplanServer();
  let desktop: BrowserSession;
  let phone: BrowserSession;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
    desktop = await openBrowser();
    phone = await openBrowser({ viewport: PHONE });
  }, 60_000);
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("follows live both ways, opens nothing else, survives a restart and ends with 410", { timeout: 90_000 }, async () => {
    const d = desktop.page;
    const p = phone.page;
    await signIn(d, server);
    const plan = await SeededPlan.create(server, await sessionCookie(desktop.context));
    await d.goto(server.url(plan.path));
    await d.getByRole("button", { name: "Follow on the client's phone" }).click();
    await d.locator("#new-companion-link").waitFor();
    await d.getByRole("img", { name: /QR code/ }).waitFor();
    const link = (await d.locator("#new-companion-link").textContent())!.trim();
    const findings: string[] = [];
    const axe = async (page: Page, where: string) => {
      const v = await axeViolations(page);
      if (v.length) findings.push(formatViolations(where, v));
    };
    await axe(d, "the shared screen with the phone link");

    await p.goto(link);
    await p.getByRole("heading", { name: /About “Housing at risk”/ }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Large text: the question, the answer box and the plan so far are all above 16 px.
    const sizes = await p.evaluate(() => ["#companion-question", "#companion-words", "#companion-plan-title", ".companion p"].map((s) => parseFloat(getComputedStyle(document.querySelector(s)!).fontSize)));
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(18);
    await axe(p, "the phone page");

    // The phone answers: the shared screen shows it, marked, within a second.
    await p.getByLabel("Your answer, in your own words").fill("Keep my flat and my garden");
    let t = Date.now();
    await p.getByRole("button", { name: /Send/ }).click();
    expect(await seenWithin(d, "#transcript", "Keep my flat and my garden", t)).toBeLessThan(1000);
    await d.locator("#transcript", { hasText: "From the client's phone" }).waitFor();
    // The shared screen's question moved on with it.
    await d.locator("#composer-question", { hasText: "Depression" }).waitFor();

    // The shared screen answers: the phone shows it within a second, and its question moves on.
    await p.waitForURL(/sent=1/);
    await d.locator("#add-goals-clientWords").fill("Sleep through the night");
    t = Date.now();
    await d.getByRole("button", { name: "Add this goal" }).click();
    expect(await seenWithin(p, "#companion-live", "Sleep through the night", t)).toBeLessThan(1000);
    await p.getByRole("heading", { name: /About “Income”/ }).waitFor();
    await axe(p, "the phone page after a live update");

    // Typing on the phone while the shared screen moves on: the words stay through the live update,
    // and sending them meets "the plan changed" (409) with the words still there, then goes through.
    await p.getByLabel("Your answer, in your own words").fill("Typed while the plan moved");
    await d.locator("#add-goals-clientWords").fill("Find part-time work");
    await d.getByRole("button", { name: "Add this goal" }).click();
    await p.locator("#companion-live", { hasText: "Find part-time work" }).waitFor();
    expect(await p.getByLabel("Your answer, in your own words").inputValue()).toBe("Typed while the plan moved");
    await p.getByRole("button", { name: /Send/ }).click();
    await p.getByText("The plan changed on the shared screen while you were typing").waitFor();
    expect(await p.getByLabel("Your answer, in your own words").inputValue()).toBe("Typed while the plan moved");
    await Promise.all([p.waitForURL(/sent=1/), p.getByRole("button", { name: /Send/ }).click()]);
    await d.locator("#transcript", { hasText: "Typed while the plan moved" }).waitFor();

    // The link opens nothing of the staff's.
    const other = await phone.context.newPage();
    for (const path of [plan.path, "/caseload"]) {
      await other.goto(server.url(path));
      expect(new URL(other.url()).pathname, path).toBe("/signin");
    }
    await other.close();

    // A server restart: the phone reconnects by itself and hears the next change.
    await server.restart();
    await signIn(d, server);
    await d.goto(server.url(plan.path));
    // Every priority issue has its goal now: the shared screen moves on to barriers.
    t = Date.now();
    await d.getByRole("button", { name: /Continue to barriers/ }).click();
    await d.locator("#progress-now", { hasText: "Barriers" }).waitFor();
    await seenWithin(p, "#companion-question", "What has kept you from reaching “Keep my flat and my garden”?", t, 8000);

    // Ended on the shared screen: the phone says so, and the link answers 410.
    await d.getByRole("button", { name: /End the phone link/ }).click();
    await p.getByRole("heading", { name: "This link has ended" }).waitFor({ timeout: 5000 });
    const res = await p.request.get(link);
    expect(res.status()).toBe(410);

    expect(findings, findings.join("\n")).toEqual([]);
  });

  it("works on a phone without JavaScript, as a plain form with a link to refresh", { timeout: 60_000 }, async () => {
    const d = desktop.page;
    const plan = await SeededPlan.create(server, await sessionCookie(desktop.context));
    await d.goto(server.url(plan.path));
    await d.getByRole("button", { name: "Follow on the client's phone" }).click();
    const link = (await d.locator("#new-companion-link").textContent())!.trim();
    const plain = await openBrowser({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const p = plain.page;
      await p.goto(link);
      await p.getByLabel("Your answer, in your own words").fill("Somewhere quiet, near my sister");
      const t = Date.now();
      await Promise.all([p.waitForURL(/sent=1/), p.getByRole("button", { name: /Send/ }).click()]);
      await p.getByText("Sent. Your words are on the shared screen.").waitFor();
      await p.locator("#companion-live", { hasText: "Somewhere quiet, near my sister" }).waitFor();
      await p.getByRole("heading", { name: /About “Depression”/ }).waitFor();
      // The shared screen (with JavaScript) still sees it live.
      expect(await seenWithin(d, "#transcript", "Somewhere quiet, near my sister", t)).toBeLessThan(1000);
      // The case manager answers: the phone sees it after following its refresh link.
      await d.locator("#add-goals-clientWords").fill("Talk to someone every week");
      await d.getByRole("button", { name: "Add this goal" }).click();
      await d.locator("#transcript", { hasText: "Talk to someone every week" }).waitFor();
      await p.getByRole("link", { name: /Refresh/ }).click();
      await p.locator("#companion-live", { hasText: "Talk to someone every week" }).waitFor();
    } finally {
      await plain.close();
    }
  });
});
