/**
 * Issue 22 in a real browser: the client reads their review page in their own language on their
 * phone, whatever language the phone itself is set to; nothing scrolls sideways and axe finds
 * nothing.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { layoutProblems, type Screen } from "./support/layout.ts";
import { SeededPlan } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const PHONE: Screen = { width: 390, height: 844 };

async function signIn(server: CoplanServer): Promise<string> {
  const res = await fetch(server.url("/signin"), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin },
    body: new URLSearchParams({ username: CASE_MANAGER.username, password: CASE_MANAGER.password }),
  });
  const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
  if (!cookie.includes("coplan_session")) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** Posts a plan's form as the browser would, with the plan's current version. */
async function postForm(server: CoplanServer, cookie: string, plan: SeededPlan, path: string, fields: Record<string, string>) {
  const page = await fetch(server.url(plan.path), { headers: { Cookie: cookie } });
  const rev = (await page.text()).match(/name="rev" value="(\d+)"/)![1];
  return fetch(server.url(`${plan.path}${path}`), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams({ rev, ...fields }),
  });
}

async function signedPlanWithReviewLink(server: CoplanServer, clientLanguage: string): Promise<string> {
  const cookie = await signIn(server);
  const plan = await SeededPlan.create(server, cookie, { clientLanguage });
  await plan.answerUpToActions();
  await plan.finishToReview();
  for (const [path, fields] of [
    ["/next", {}],
    ["/consent", { agreeClient: "yes", agreeCaseManager: "yes" }],
    ["/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" }],
    ["/sign", { party: "case-manager", typedName: "Jo Smith-Okonkwo", agree: "yes" }],
  ] as const) {
    const res = await postForm(server, cookie, plan, path, fields);
    if (res.status !== 303) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  const made = await postForm(server, cookie, plan, "/review-links", { days: "30" });
  const html = await made.text();
  const link = html.match(/id="new-review-link">([^<]+)</)?.[1];
  if (!link) throw new Error(`no review link: ${made.status}`);
  return link.replace(/&amp;/g, "&");
}

describeInBrowser("the client's own language, in a browser", () => {
  const server = new CoplanServer();
  let phone: BrowserSession | undefined;
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  });
  afterAll(async () => {
    await phone?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("a Spanish-speaking client reads their review page in Spanish on a phone set to English", { timeout: 90_000 }, async () => {
    const link = await signedPlanWithReviewLink(server, "es");
    phone = await openBrowser({ viewport: PHONE, locale: "en-US" });
    const client = phone.page;
    await client.goto(link);
    expect(await client.locator("html").getAttribute("lang")).toBe("es");
    await client.getByRole("heading", { name: "Lo que usted acordó" }).waitFor();
    await client.getByRole("heading", { name: "Lo que hará Jo (su gestor/a de casos)" }).waitFor();
    await client.getByRole("heading", { name: "Lo que hará usted" }).waitFor();
    const words = await client.locator("main").innerText();
    expect(words).toContain("Antes del 15 de diciembre de 2026");
    // The client's own words, as typed, in three scripts.
    expect(words).toContain("我想找一份兼职工作，离家近一点 (find part-time work close to home)");
    expect(words).toContain("أريد أن أبقى في شقتي, I want to keep my flat 🏠");
    expect(words).not.toContain("What you agreed to");
    expect(await layoutProblems(client, PHONE, "the review page in Spanish")).toEqual([]);
    expect(formatViolations("the review page in Spanish", await axeViolations(client))).toBe(formatViolations("the review page in Spanish", []));

    // The client may switch to another language on the page itself; it stays theirs.
    await Promise.all([client.waitForEvent("load"), client.getByRole("button", { name: "العربية" }).click()]);
    expect(await client.locator("html").getAttribute("dir")).toBe("rtl");
    await client.getByRole("heading", { name: "ما اتفقت عليه" }).waitFor();
    expect(await layoutProblems(client, PHONE, "the review page in Arabic")).toEqual([]);
    expect(formatViolations("the review page in Arabic", await axeViolations(client))).toBe(formatViolations("the review page in Arabic", []));
    expect(phone.problems).toEqual([]);
  });

  it("a Spanish-speaking case manager's pages: in Spanish, and axe finds nothing", { timeout: 90_000 }, async () => {
    const staff = await openBrowser({ locale: "es-MX" });
    try {
      const { page } = staff;
      const findings: string[] = [];
      const check = async (where: string) => {
        expect(await page.locator("html").getAttribute("lang"), where).toBe("es");
        const violations = await axeViolations(page);
        if (violations.length) findings.push(formatViolations(where, violations));
      };
      await page.goto(server.url("/signin"));
      await check("sign-in");
      await page.fill("#signin-username", CASE_MANAGER.username);
      await page.fill("#signin-password", CASE_MANAGER.password);
      await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
      await check("my caseload");
      await page.getByRole("heading", { level: 1 }).filter({ hasText: /casos/i }).waitFor();
      await page.goto(server.url("/plans/new"));
      await check("the new-plan form");
      await page.goto(server.url("/account"));
      await check("your account");
      const cookie = await signIn(server);
      const plan = await SeededPlan.create(server, cookie, { clientLanguage: "es" });
      await plan.answerUpToActions();
      await page.goto(server.url(plan.path));
      await check("the conversation, at the action plan");
      await page.goto(server.url(`${plan.path}/progress`));
      await check("progress");
      expect(findings).toEqual([]);
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }
  });
});
