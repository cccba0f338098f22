/**
 * Issue 19, item 15 in a real browser: an administrator who forgot their password gets back in with
 * `npm run user:reset` while Coplan runs, then issues a reset link to a case manager from the
 * accounts page, and the case manager sets a new password with it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { UserStore } from "../../src/auth/users.ts";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ADMIN = { username: "ada", displayName: "Ada Admin", password: "administering all the things" };

describeInBrowser("a way back for a forgotten password", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;

  /** `npm run user:reset -- --username NAME` against the running server's folder; the link it prints. */
  const userReset = (username: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-reset.ts", "--username", username], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COPLAN_DATA_DIR: server.dataDir, PORT: String(server.port), HOST: "127.0.0.1" },
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", (code) => {
        const link = out.match(/http:\/\/\S+\/reset\/[\w-]+/)?.[0];
        if (code === 0 && link) resolve(link);
        else reject(new Error(`user:reset failed (${code}): ${out}`));
      });
    });

  const setNewPassword = async (first: string, second = first) => {
    const { page } = browser;
    await page.fill("#reset-password", first);
    await page.fill("#reset-confirm", second);
    await page.getByRole("button", { name: "Set the new password" }).click();
  };

  beforeAll(async () => {
    await server.addCaseManager();
    await new UserStore(server.dataDir, () => new Date()).add({ ...ADMIN, role: "admin" });
    await server.start();
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("gets a locked-out administrator back in with npm run user:reset while Coplan runs", { timeout: 90_000 }, async () => {
    const { page } = browser;
    const link = await userReset("ada");
    await page.goto(link);
    expect(await page.textContent("h1")).toBe("Choose a new password");
    expect(await page.textContent("main")).toContain("ada");

    await setNewPassword("too short");
    await page.waitForSelector("#reset-password[aria-invalid=true]");
    expect(await page.textContent("main")).toContain("Use at least 12 characters");
    expect(formatViolations("the reset page with an error", await axeViolations(page))).toBe("the reset page with an error: no violations");
    await setNewPassword("a whole new admin passphrase", "a whole new admin passphrase?");
    await page.waitForSelector("#reset-confirm[aria-invalid=true]");
    expect(await page.textContent("main")).toContain("The two passwords are not the same.");

    await Promise.all([page.waitForURL((u) => u.pathname === "/users"), setNewPassword("a whole new admin passphrase")]);
    expect(await page.textContent("h1")).toBe("Staff accounts");

    // Spent: the same link now says so, plainly.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.textContent("h1")).toBe("This reset link no longer works");
  });

  it("lets an administrator give a case manager a link from the accounts page", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await page.goto(server.url("/users"));
    await page.getByRole("button", { name: "Issue a reset link for casey" }).click();
    const box = page.getByLabel("Reset link (select it and copy)");
    const link = await box.inputValue();
    expect(link).toMatch(/\/reset\/[\w-]{43}$/);
    expect(await box.getAttribute("readonly")).not.toBeNull();
    const boxWidth = await box.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);
    expect(boxWidth).toBe(true);
    expect(formatViolations("the accounts page with a reset link", await axeViolations(page))).toBe("the accounts page with a reset link: no violations");

    // Casey opens it on their own browser (no session of the administrator's).
    await browser.context.clearCookies();
    await page.goto(link);
    await Promise.all([page.waitForURL((u) => u.pathname === "/caseload"), setNewPassword("caseys fresh new passphrase")]);

    // The old password no longer signs in; the new one does.
    await browser.context.clearCookies();
    await page.goto(server.url("/signin"));
    await page.fill("#signin-username", CASE_MANAGER.username);
    await page.fill("#signin-password", CASE_MANAGER.password);
    await page.click('main form[action="/signin"] button[type=submit]');
    await page.waitForSelector(".notice-error");
    await page.fill("#signin-password", "caseys fresh new passphrase");
    await Promise.all([page.waitForURL((u) => u.pathname === "/caseload"), page.click('main form[action="/signin"] button[type=submit]')]);
  });
});
