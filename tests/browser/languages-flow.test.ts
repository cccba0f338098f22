/**
 * Issue 22: the whole flow in a real browser, in Arabic (right to left) and in Chinese: a case
 * manager whose browser speaks the language signs in, makes a plan for a client who reads that
 * language, walks every step to both signatures, and opens the retainer and its PDF. At every
 * step the page says its language and direction, the question and buttons are in the language,
 * the client's words stay as typed, the plan panel sits after the conversation in reading order,
 * nothing scrolls sideways, and axe finds nothing (contrast and layout included).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { layoutProblems } from "./support/layout.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const SCREEN = { width: 1280, height: 900 };

interface Language {
  tag: "ar" | "zh-Hans";
  /** What the browser is set to (Accept-Language). */
  locale: string;
  dir: "ltr" | "rtl";
  /** A character of the language's own script: fixed texts must hold some. */
  script: RegExp;
  goals: string[];
  barrier: string;
  strength: string;
  action: string;
}

const LANGUAGES: Language[] = [
  {
    tag: "ar",
    locale: "ar-EG",
    dir: "rtl",
    script: /\p{Script=Arabic}/u,
    goals: ["أريد أن أبقى في شقتي مع أطفالي", "أريد عملاً بدوام جزئي قبل 15 يناير 2027"],
    barrier: "ارتفع الإيجار 20% منذ الصيف",
    strength: "أنا منظمة في الأوراق",
    action: "التقديم على برنامج مساعدة الإيجار",
  },
  {
    tag: "zh-Hans",
    locale: "zh-CN",
    dir: "ltr",
    script: /\p{Script=Han}/u,
    goals: ["我想和孩子们一起留在现在的公寓", "我想在2027年1月15日前找到一份兼职工作"],
    barrier: "夏天以来房租涨了20%",
    strength: "我很会整理文件",
    action: "申请租金援助项目",
  },
];

describeInBrowser("the whole flow in Arabic and in Chinese", () => {
  const server = new CoplanServer();
  const sessions: BrowserSession[] = [];
  beforeAll(async () => {
    await server.addCaseManager();
    await server.start();
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  for (const lang of LANGUAGES) {
    it(`${lang.tag}: from signing in to the signed retainer`, { timeout: 180_000 }, async () => {
      const session = await openBrowser({ viewport: SCREEN, locale: lang.locale });
      sessions.push(session);
      const { page } = session;
      const findings: string[] = [];
      const clientName = lang.tag === "ar" ? "أميرة حداد" : "王小梅";
      const theirs = [...lang.goals, lang.barrier, lang.strength, `${lang.action} (g1)`, `${lang.action} (g2)`, clientName, CASE_MANAGER.displayName];
      /** Three or more English words in a row, once the people's own words are taken out: a sentence nobody translated. */
      const untranslated = (text: string) => {
        for (const words of theirs) text = text.split(words).join(" ");
        // A command to type (npm run seal:verify …) is the same in every language.
        return [...text.matchAll(/[A-Za-z]+(?:[ '’,-]+[A-Za-z]+){2,}/g)].map((m) => m[0]).filter((s) => !s.startsWith("npm run"));
      };
      const check = async (where: string) => {
        expect(untranslated(await page.locator("body").innerText()), `${where}: English left on the page`).toEqual([]);
        expect(await page.locator("html").getAttribute("lang"), where).toBe(lang.tag);
        expect(await page.locator("html").getAttribute("dir"), where).toBe(lang.dir);
        expect(await page.locator("h1").first().innerText(), `${where}: the heading is in ${lang.tag}`).toMatch(lang.script);
        findings.push(...(await layoutProblems(page, SCREEN, where)));
        const violations = await axeViolations(page);
        if (violations.length) findings.push(formatViolations(where, violations));
      };
      const composerAction = (step: string) => page.locator(`#composer form[action$="/${step}"]`).first().waitFor();
      const question = async (where: string) => expect(await page.locator("#composer-question").innerText(), `${where}: the question`).toMatch(lang.script);
      const add = async (landed: string) => {
        await page.locator("#composer .answer-form button.primary").click();
        await page.locator("#transcript li.bubble", { hasText: landed }).first().waitFor();
      };
      const next = async (step: string) => {
        await page.locator('#composer button[name="then"][value="next"]').first().click();
        await composerAction(step);
      };

      await page.goto(server.url("/signin"));
      await check("sign-in");
      await page.fill("#signin-username", CASE_MANAGER.username);
      await page.fill("#signin-password", CASE_MANAGER.password);
      await Promise.all([page.waitForURL(/\/caseload$/), page.click('main form[action="/signin"] button[type=submit]')]);
      await check("my caseload");

      await page.goto(server.url("/plans/new"));
      await check("the new-plan form");
      await page.fill("#setup-clientName", lang.tag === "ar" ? "أميرة حداد" : "王小梅");
      await page.selectOption('select[name="clientLanguage"]', lang.tag);
      await page.check('input[name="serviceLength"][value="short-term"]');
      await page.fill("#setup-planDate", "2026-11-24");
      await page.fill("#setup-annualReviewDate", "2027-11-24");
      await page.fill("#setup-priorityIssues", lang.tag === "ar" ? "السكن\nالعمل" : "住房\n工作");
      await Promise.all([page.waitForURL(/\/plans\/[^/]+$/), page.locator("main form button.primary, main form button[type=submit]").first().click()]);

      await composerAction("goals");
      await question("goals");
      await check("goals");
      await page.fill('#composer [name="clientWords"]', lang.goals[0]);
      await add(lang.goals[0]);
      await page.fill('#composer [name="clientWords"]', lang.goals[1]);
      await add(lang.goals[1]);
      await next("barriers");
      await question("barriers");
      await check("barriers");
      await page.fill('#composer [name="clientWords"]', lang.barrier);
      await page.selectOption('#composer select[name="category"]', "financial-insecurity");
      await add(lang.barrier);
      await next("strengths");
      await check("strengths");
      await page.fill('#composer [name="clientWords"]', lang.strength);
      await page.check('#composer input[name="role"][value="alone"]');
      await add(lang.strength);
      await next("actions");
      await question("actions");
      await check("actions");
      for (const goal of ["g1", "g2"]) {
        await page.selectOption('#composer select[name="goalId"]', goal);
        await page.check('#composer input[name="kind"][value="service"]');
        await page.fill('#composer [name="description"]', `${lang.action} (${goal})`);
        await page.selectOption('#composer select[name="responsibleRole"]', "case-manager");
        await page.check('#composer input[name="targetKind"][value="annual-review"]');
        await add(`${lang.action} (${goal})`);
      }
      await next("commitments");
      await question("contract wording");
      await check("contract wording");
      // The drafted commitment's fixed words are in the client's language, around their words.
      const draft = await page.locator('#composer textarea[name^="text-"]').first().inputValue();
      expect(draft).toContain(`${lang.action} (g1)`);
      expect(draft.replace(`${lang.action} (g1)`, "")).toMatch(lang.script);
      await page.locator('#composer button[name="then"][value="next"]').click();
      await composerAction("next");
      await question("review");
      await check("review");
      await page.locator('#composer form[action$="/next"] button').click();
      await composerAction("consent");
      await check("consent");
      await page.check('#composer input[name="agreeClient"]');
      await page.check('#composer input[name="agreeCaseManager"]');
      await page.locator('#composer form[action$="/consent"] button.primary').click();
      for (const name of [lang.tag === "ar" ? "أميرة حداد" : "王小梅", CASE_MANAGER.displayName]) {
        await composerAction("sign");
        await check(`signing (${name})`);
        await page.fill('#composer [name="typedName"]', name);
        await page.check('#composer input[name="agree"]');
        await page.locator('#composer form[action$="/sign"] button.primary').click();
        await page.locator("#composer").filter({ hasText: name }).first().waitFor();
      }
      await page.waitForFunction(() => !document.querySelector('#composer form[action$="/sign"]'));
      await check("signed");

      // The retainer: the client's copy in their language, their words exactly as typed.
      const id = new URL(page.url()).pathname.split("/")[2];
      await page.goto(server.url(`/plans/${id}/retainer`));
      const retainer = await page.locator("main").innerText();
      expect(untranslated(retainer), "the retainer: English left").toEqual([]);
      for (const words of [...lang.goals, lang.barrier, lang.strength]) expect(retainer).toContain(words);
      findings.push(...(await layoutProblems(page, SCREEN, "the retainer")));
      const violations = await axeViolations(page);
      if (violations.length) findings.push(formatViolations("the retainer", violations));
      const pdf = await page.request.get(server.url(`/plans/${id}/retainer.pdf`));
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");

      expect(findings).toEqual([]);
      expect(session.problems).toEqual([]);
    });
  }
});
