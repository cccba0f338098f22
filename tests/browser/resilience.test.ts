/**
 * Issue 19, items 5, 7, 8, 9 and 10 in a real browser: a half-typed answer survives a reload and is
 * gone once saved; a refused signature keeps its drawing and its tick; the signature pad has a
 * border that can be seen; with JavaScript off no button that needs it is shown and the retainer
 * still prints. Every page runs under the real CSP, and any console error, CSP refusal or missing
 * file (a /favicon.ico 404) fails the test (support/browser.ts).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeInBrowser, keepEvidenceOnFailure, openBrowser, type BrowserSession } from "./support/browser.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const RESTORED = "We restored what you were typing before the page was reloaded.";

async function signIn(page: Page, server: CoplanServer) {
  await page.goto(server.url("/signin"));
  await page.fill("#signin-username", CASE_MANAGER.username);
  await page.fill("#signin-password", CASE_MANAGER.password);
  await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
}

/** WCAG's contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describeInBrowser("what the user typed or drew is never lost, and no dead controls", () => {
  const server = new CoplanServer();
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("keeps a half-typed answer over a reload, says so, and forgets it once saved", { timeout: 60_000 }, async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, server);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await page.goto(server.url(plan.path));
    // Nothing typed yet: no warning about what is missing (item 10).
    await page.locator("#composer").waitFor();
    expect(await page.locator("#composer").innerText()).not.toContain("⚠");
    expect(await page.locator("#plan-panel").innerText()).not.toContain("⚠");
    const icon = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href)).status);
    expect(icon).toBe(200);

    const words = page.getByLabel("The goal, in Amira's own words");
    await words.fill("I want to keep my flat, and");
    await page.reload();
    await expect.poll(() => words.inputValue()).toBe("I want to keep my flat, and");
    await page.getByText(RESTORED).waitFor();

    await words.fill("I want to keep my flat.");
    await page.getByRole("button", { name: "Add this goal" }).click();
    await page.locator("#transcript").getByText("I want to keep my flat.").first().waitFor();
    await page.reload();
    await page.locator("#composer").waitFor();
    expect(await words.inputValue()).toBe("");
    expect(await page.getByText(RESTORED).count()).toBe(0);

    // Choices too: a goal chosen in a list, and a radio button.
    await page.getByRole("button", { name: "Continue to barriers" }).click();
    const goal = page.getByLabel("Which goal is this barrier in the way of?");
    await goal.selectOption("g1");
    await page.getByLabel("What gets in the way, in the client's words").fill("The rent went up");
    await page.getByLabel("Kind of barrier").selectOption("housing");
    await page.reload();
    await page.getByText(RESTORED).waitFor();
    expect(await goal.inputValue()).toBe("g1");
    expect(await page.getByLabel("Kind of barrier").inputValue()).toBe("housing");
    await page.getByRole("button", { name: "Add this barrier" }).click();
    await page.locator("#transcript").getByText("The rent went up").first().waitFor();
    await page.getByRole("button", { name: "Continue to strengths" }).click();
    await page.getByLabel("The strength, in the client's words").fill("I never miss an appointment");
    await page.getByLabel("The client does this with some support").check();
    await page.reload();
    await page.getByText(RESTORED).waitFor();
    expect(await page.getByLabel("The client does this with some support").isChecked()).toBe(true);
    expect(await page.getByLabel("The strength, in the client's words").inputValue()).toBe("I never miss an appointment");
  });

  it("keeps a half-typed answer through a session that timed out and a sign-in", { timeout: 60_000 }, async () => {
    await browser?.close();
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, server);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await page.goto(server.url(plan.path));
    const words = page.getByLabel("The goal, in Amira's own words");
    await words.fill("Stay near my children's school");
    await browser.context.clearCookies(); // the session has ended
    await page.reload();
    await page.waitForURL(/\/signin\?next=/);
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", CASE_MANAGER.password);
    await Promise.all([page.waitForURL(new RegExp(`${plan.path}$`)), page.click('main form[action="/signin"] button[type=submit]')]);
    await page.getByText(RESTORED).waitFor();
    expect(await words.inputValue()).toBe("Stay near my children's school");
  });

  it("keeps the drawing and the tick when a signature is refused, and names the missing field", { timeout: 90_000 }, async () => {
    await browser?.close();
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, server);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await plan.answerUpToActions();
    await plan.finishToReview();
    await page.goto(server.url(plan.path));
    await page.getByRole("button", { name: /go on to signing/ }).click();
    await page.getByLabel(/has read this and agrees/).first().check();
    await page.getByLabel("The case manager has read this and agrees").check();
    await page.getByRole("button", { name: "We agree: go on to sign" }).click();

    const canvas = page.locator("[data-signature-pad] canvas");
    await canvas.waitFor({ state: "visible" });
    // The pad's edge can be seen: a border of at least 3:1 against the page (item 10).
    const edge = await canvas.evaluate((el) => {
      const s = getComputedStyle(el);
      let bg = "rgba(0, 0, 0, 0)";
      for (let n: Element | null = el.parentElement; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); n = n.parentElement) bg = getComputedStyle(n).backgroundColor;
      return { width: parseFloat(s.borderTopWidth), style: s.borderTopStyle, color: s.borderTopColor, bg };
    });
    expect(edge.width).toBeGreaterThanOrEqual(1);
    expect(edge.style).not.toBe("none");
    expect(contrast(edge.color, edge.bg)).toBeGreaterThanOrEqual(3);

    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
    await page.mouse.up();
    const drawn = await page.locator('input[name="image"]').inputValue();
    expect(drawn).toMatch(/^data:image\/png;base64,/);
    await page.getByLabel("I agree to this plan").check();
    // Spaces pass the browser's own "required" check and are refused by the server.
    await page.getByLabel("Type the full name to sign").fill("   ");
    await page.getByRole("button", { name: "Sign the plan" }).click();

    await page.getByText("The drawing is kept. Type the full name here as well").waitFor();
    expect(await page.getByLabel("I agree to this plan").isChecked()).toBe(true);
    expect(await page.locator('input[name="image"]').inputValue()).toBe(drawn);
    // The pad shows the drawing again: some of its pixels are inked.
    await expect
      .poll(() =>
        page.locator("[data-signature-pad] canvas").evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
          return inked;
        }),
      )
      .toBeGreaterThan(50);

    // With the name typed, the kept drawing signs.
    await page.getByLabel("Type the full name to sign").fill("Amira Haddad");
    await page.getByRole("button", { name: "Sign the plan" }).click();
    await page.getByText("The case manager signs").waitFor();
  });

  it("shows no button that needs JavaScript when it is off, and the retainer still prints", { timeout: 90_000 }, async () => {
    await browser?.close();
    browser = await openBrowser({ javaScriptEnabled: false });
    const { page } = browser;
    await signIn(page, server);
    const plan = await SeededPlan.create(server, await sessionCookie(browser.context));
    await plan.answerUpToActions();
    await plan.finishToReview();
    await page.goto(server.url(plan.path));
    await page.getByRole("button", { name: /go on to signing/ }).waitFor();
    // The read-aloud button is in the page but hidden, and stays hidden: [hidden] wins over button styles.
    expect(await page.locator("[data-read-aloud]").count()).toBe(1);
    expect(await page.locator("[data-read-aloud]").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Read this to me" }).count()).toBe(0);

    await page.getByRole("button", { name: /go on to signing/ }).click();
    await page.getByLabel(/has read this and agrees/).first().check();
    await page.getByLabel("The case manager has read this and agrees").check();
    await page.getByRole("button", { name: "We agree: go on to sign" }).click();
    await page.getByLabel("Type the full name to sign").fill("Amira Haddad");
    await page.getByLabel("I agree to this plan").check();
    await page.getByRole("button", { name: "Sign the plan" }).click();
    await page.getByLabel("Type your full name to sign").fill("Casey Jones");
    await page.getByLabel("I agree to this plan").check();
    await page.getByRole("button", { name: "Sign the plan" }).click();
    await page.getByRole("link", { name: "Read the signed retainer" }).click();
    await page.getByText("What we agree to do").first().waitFor();

    expect(await page.locator("[data-print]").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).count()).toBe(0);
    await page.getByText("use the browser's Print command").waitFor({ state: "visible" });
    const printLink = page.getByRole("link", { name: "Print all three copies" });
    const href = await printLink.getAttribute("href");
    const pdf = await page.request.get(server.url(href!));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // The client's own page: no read-aloud or print button that would do nothing, and how to print.
    await page.goto(server.url(plan.path));
    await page.getByRole("button", { name: /Create a review link/ }).click();
    const link = await page.locator("#new-review-link").getAttribute("href");
    await page.goto(link!);
    await page.getByRole("heading", { name: /What (we|you) agreed/ }).waitFor();
    expect(await page.locator("[data-read-aloud], [data-print]").evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    await page.getByText("use Print in your browser's menu").waitFor({ state: "visible" });
  });
});
