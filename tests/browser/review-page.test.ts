/**
 * Issue 19, item 11 in a real browser: the case manager creates the client's review link and gets
 * it in a box that fits the screen, a QR code and (with JavaScript) a Copy button; the client opens
 * it on a phone (390×844) and reads it in plain words, nothing scrolling sideways.
 */
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { layoutProblems, type Screen } from "./support/layout.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const PHONE: Screen = { width: 390, height: 844 };

// jsqr is CommonJS whose types declare a default export: by NodeNext's rules that is `.default`,
// while vitest's interop hands over the function itself. Take whichever this run has.
const jsQR = ((jsqr as unknown as { default?: typeof jsqr.default }).default ?? jsqr) as typeof jsqr.default;

/** The seeded plan signed by both over plain form posts: this suite looks at what comes after. */
async function signed(server: CoplanServer, cookie: string, plan: SeededPlan) {
  const post = async (path: string, fields: Record<string, string>) => {
    const page = await fetch(server.url(plan.path), { headers: { Cookie: cookie } });
    const rev = (await page.text()).match(/name="rev" value="(\d+)"/)![1];
    const res = await fetch(server.url(`${plan.path}${path}`), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin, Cookie: cookie },
      body: new URLSearchParams({ rev, ...fields }),
    });
    if (res.status !== 303) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  };
  await plan.answerUpToActions();
  await plan.finishToReview();
  await post("/next", {});
  await post("/consent", { agreeClient: "yes", agreeCaseManager: "yes" });
  await post("/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" });
  await post("/sign", { party: "case-manager", typedName: "Jo Smith-Okonkwo", agree: "yes" });
}

describeInBrowser("the client's review link, from the case manager's screen to the client's phone", () => {
  const server = new CoplanServer();
  let staff: BrowserSession | undefined;
  let phone: BrowserSession | undefined;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  });
  keepEvidenceOnFailure();
  beforeEach(async () => {
    await staff?.close();
    await phone?.close();
    staff = phone = undefined;
  });
  afterAll(async () => {
    await staff?.close();
    await phone?.close();
    await server.dispose();
  });

  async function planWithNewLink(javaScriptEnabled: boolean) {
    staff = await openBrowser({ viewport: PHONE, javaScriptEnabled });
    const { page } = staff;
    await page.goto(server.url("/signin"));
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", CASE_MANAGER.password);
    await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
    const cookie = await sessionCookie(staff.context);
    const plan = await SeededPlan.create(server, cookie);
    await signed(server, cookie, plan);
    await page.goto(server.url(plan.path));
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: /Create a review link/ }).click()]);
    await page.locator("#new-review-link").waitFor();
    return { page, plan };
  }

  it("gives the case manager the link in a box that fits, a QR code and a Copy button; the client reads it on a phone", { timeout: 90_000 }, async () => {
    const { page, plan } = await planWithNewLink(true);
    await staff!.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const link = (await page.locator("#new-review-link").textContent())!.trim();

    // The box holds the whole link inside the phone's width.
    const box = await page.locator(".link-box").evaluate((el) => ({ right: el.getBoundingClientRect().right, fits: el.scrollWidth <= el.clientWidth }));
    expect(box.fits, "the link box scrolls or overflows").toBe(true);
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const qr = page.getByRole("img", { name: /^QR code for Amira.*review link/ });
    await qr.waitFor({ state: "visible" });
    // A phone camera's view of it: the picture on the screen decodes to the very link.
    const shot = PNG.sync.read(await qr.screenshot());
    expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe(link);
    expect(formatViolations("the plan page with a new review link", await axeViolations(page))).toBe(formatViolations("the plan page with a new review link", []));

    await page.getByRole("button", { name: "Copy the link" }).click();
    await page.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // The client, on their own phone with no staff session.
    phone = await openBrowser({ viewport: PHONE });
    await phone.page.goto(link);
    expect(new URL(phone.page.url()).pathname).toBe(`/review/${plan.id}`);
    const client = phone.page;
    await client.getByRole("heading", { name: "What you agreed to" }).waitFor();
    await client.getByRole("heading", { name: "What Jo (your case manager) will do" }).waitFor();
    await client.getByRole("heading", { name: "What you will do" }).waitFor();
    const words = await client.locator("main").innerText();
    expect(words).toContain("By 15 December 2026");
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(words.split("Book a GP appointment about low mood").length - 1, "each action once").toBe(1);
    expect(await layoutProblems(client, PHONE, "the client's review page")).toEqual([]);
    expect(formatViolations("the client's review page", await axeViolations(client))).toBe(formatViolations("the client's review page", []));
  });

  it("without JavaScript: no dead Copy button, the link is plain text to select", { timeout: 60_000 }, async () => {
    const { page } = await planWithNewLink(false);
    expect(await page.getByRole("button", { name: "Copy the link" }).count()).toBe(0);
    await page.getByRole("img", { name: /^QR code/ }).waitFor({ state: "visible" });
    const selected = await page.locator(".link-box").evaluate((el) => getComputedStyle(el).userSelect);
    expect(selected).toBe("all");
  });
});
