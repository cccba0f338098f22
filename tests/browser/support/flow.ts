/**
 * The whole co-creation, keyboard only, as a case manager would do it with a client beside them:
 * from signing in to "Ready to sign", editing the first goal from the plan panel and restarting
 * the server on the way. The same steps run with JavaScript (htmx swaps fragments) and
 * without it (plain form posts, 303, a new page each time).
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { chooseOption, chooseRadio, focused, tabTo, typeOver, typeText } from "./keyboard.ts";
import { CASE_MANAGER, type CoplanServer } from "./server.ts";

const ISSUES = ["Housing at risk", "Depression", "Income", "Family contact"];
const GOALS = [
  { words: "أريد أن أبقى في شقتي, I want to keep my flat 🏠" },
  { words: "Be able to concentrate and enjoy things again", smart: "See the GP about low mood by 15 January" },
  { words: "我想找一份兼职工作 (find part-time work)" },
];
const EDITED_GOAL = "Keep my flat and stay near my children's school";

interface Flow {
  page: Page;
  server: CoplanServer;
  js: boolean;
  /** Called at a few points on the way, to measure the screen (support/layout.ts). */
  checkLayout?: (where: string) => Promise<void>;
}

const transcriptBubble = (page: Page, text: string) => page.locator('ol#transcript[aria-live="polite"] > li.bubble', { hasText: text });

/**
 * Presses a key on the focused button and waits until the answer has landed: with htmx, the
 * swap; without JavaScript, the page that the 303 leads to.
 */
async function press(f: Flow, key: "Enter" | "Space", landed: () => Promise<unknown>) {
  if (f.js) {
    await f.page.keyboard.press(key);
  } else {
    await Promise.all([f.page.waitForEvent("load"), f.page.keyboard.press(key)]);
  }
  await landed();
}

/**
 * After each answer the keyboard is ready for the next question. With htmx, the swap moves the
 * focus to the new question's field. Without JavaScript, the 303 lands on /plans/:id#composer: the
 * browser scrolls there and (as the HTML spec says for a page opened at a fragment) skips
 * autofocus, but the next Tab starts from the composer, so one Tab reaches the question's field.
 */
async function expectFocusOnQuestion(f: Flow) {
  const { page } = f;
  const atFragment = !f.js && new URL(page.url()).hash !== "";
  if (atFragment) {
    expect(new URL(page.url()).hash).toBe("#composer");
    await page.keyboard.press("Tab");
  }
  const where = () =>
    page.evaluate((tabbed) => {
      const active = document.activeElement;
      const first = document.querySelector("#composer form")?.querySelector("input:not([type=hidden]), textarea, select");
      const expected = tabbed ? first : document.querySelector("#composer [autofocus]");
      return { on: `${active?.tagName.toLowerCase()}#${active?.id}`, expected: `${expected?.tagName.toLowerCase()}#${expected?.id}` };
    }, atFragment);
  // htmx moves the focus once the swap has settled: wait for it, then say where it went.
  let w = await where();
  for (let i = 0; i < 100 && w.on !== w.expected; i++) {
    await page.waitForTimeout(50);
    w = await where();
  }
  expect(w.on, "where the focus is after the answer").toBe(w.expected);
  expect(w.on).toMatch(/^(input|textarea|select)#/);
}

async function expectText(locator: Locator, text: string) {
  await expect.poll(() => locator.textContent(), { timeout: 10_000 }).toContain(text);
}

async function expectStep(page: Page, label: string) {
  await expect.poll(() => page.locator("#progress-now").textContent(), { timeout: 10_000 }).toBe(label);
}

/** One answer from the composer: words typed, the "Add this …" button, the new bubble announced. */
async function addAnswer(f: Flow, fill: () => Promise<void>, addButton: string, bubbleText: string) {
  await fill();
  expect((await tabTo(f.page, "#composer form.answer-form button.primary:not([name])")).text).toBe(addButton);
  await press(f, "Enter", () => transcriptBubble(f.page, bubbleText).waitFor());
  await expectFocusOnQuestion(f);
}

async function continueTo(f: Flow, stepLabel: string) {
  await tabTo(f.page, '#composer button[name="then"][value="next"]');
  await press(f, "Space", () => expectStep(f.page, stepLabel));
}

/** The sign-in page, by keyboard; it leads on to the page that asked for it. */
async function signIn(f: Flow) {
  const { page } = f;
  await page.waitForURL(/\/signin/);
  await tabTo(page, "#signin-username");
  await typeText(page, CASE_MANAGER.username);
  await tabTo(page, "#signin-password");
  await typeText(page, CASE_MANAGER.password);
  await tabTo(page, 'main form[action="/signin"] button[type=submit]');
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
  if (new URL(page.url()).pathname === "/signin") {
    const said = (await page.locator("body").innerText()).slice(0, 300);
    throw new Error(
      `Signing in with the keyboard did not work; the page says:\n  ${said}\n` +
        (said.includes("did not come from a Coplan page")
          ? "That is Coplan's CSRF refusal (403) of its own form. Chromium sends `Origin: null` with a form post from a page served with Referrer-Policy: no-referrer."
          : ""),
    );
  }
}

export async function newPlanToReview(f: Flow) {
  const { page, server } = f;
  // Only htmx swaps keep this mark; a full page load (a failed script, a plain post) drops it.
  const markPage = () => page.evaluate(() => ((window as unknown as { coplanMark: boolean }).coplanMark = true));
  const pageKept = () => page.evaluate(() => (window as unknown as { coplanMark?: boolean }).coplanMark === true);

  await page.goto(server.url("/"));
  await signIn(f);
  await page.waitForURL(/\/caseload$/);
  await tabTo(page, 'main a[href="/plans/new"]');
  await Promise.all([page.waitForURL(/\/plans\/new$/), page.keyboard.press("Enter")]);

  // The new-plan form: its first field has the focus on arrival.
  expect((await focused(page)).id).toBe("setup-clientName");
  await typeText(page, "Amira Haddad");
  await tabTo(page, "#setup-preferredName");
  await typeText(page, "Amira");
  await tabTo(page, "#setup-pronouns");
  await typeText(page, "she/her");
  await tabTo(page, 'input[name="serviceLength"]');
  await chooseRadio(page, "short-term");
  await tabTo(page, "#setup-priorityIssues");
  await typeText(page, ISSUES.join("\n"));
  await tabTo(page, "form.setup-form button[type=submit]");
  await Promise.all([page.waitForURL(/\/plans\/[\w-]+(#.*)?$/), page.keyboard.press("Enter")]);
  await page.waitForLoadState("load");

  await expectStep(page, "Step 2 of 7: Goals");
  const planPath = new URL(page.url()).pathname;
  await expectFocusOnQuestion(f);
  if (f.js) await markPage();

  // Goals: three in the client's words (one with a SMART restatement), then one area declined.
  for (const [i, goal] of GOALS.entries()) {
    await expectText(page.locator("#composer-question"), ISSUES[i]);
    await addAnswer(
      f,
      async () => {
        await tabTo(page, "#add-goals-clientWords");
        await typeText(page, goal.words);
        if (goal.smart) {
          await tabTo(page, "#add-goals-restatement");
          await typeText(page, goal.smart);
        }
      },
      "Add this goal",
      goal.words,
    );
  }
  await expectText(page.locator("#composer-question"), "Family contact");
  await tabTo(page, "#composer details.decline > summary");
  await page.keyboard.press("Enter");
  await tabTo(page, "#add-declined-reason");
  await typeText(page, "Not ready to talk about my family");
  await tabTo(page, "#composer details.decline button[type=submit]");
  await press(f, "Enter", () => transcriptBubble(page, "Not ready to talk about my family").waitFor());
  await expectFocusOnQuestion(f);
  await continueTo(f, "Step 3 of 7: Barriers");
  await expectFocusOnQuestion(f);
  await f.checkLayout?.("the barriers step, the goals in the plan panel");

  // Barriers, in two categories; the goal each one blocks is already chosen for the next question.
  const barriers = [
    { words: "I can't pay the rent since my hours were cut", category: "Financial insecurity" },
    { words: "No doctor and nobody to talk to", category: "Lack of health supports" },
  ];
  for (const b of barriers) {
    await addAnswer(
      f,
      async () => {
        await tabTo(page, "#add-barriers-clientWords");
        await typeText(page, b.words);
        await tabTo(page, "#add-barriers-category");
        await chooseOption(page, b.category);
      },
      "Add this barrier",
      b.words,
    );
  }
  await continueTo(f, "Step 4 of 7: Strengths");
  await expectFocusOnQuestion(f);

  // Strengths, then a server restart in the middle of the step.
  await addAnswer(
    f,
    async () => {
      await tabTo(page, "#add-strengths-clientWords");
      await typeText(page, "I am organised with paperwork");
      await tabTo(page, 'input[name="role"]');
      await chooseRadio(page, "alone");
    },
    "Add this strength",
    "I am organised with paperwork",
  );
  if (f.js) expect(await pageKept(), "a full page load happened where htmx should have swapped fragments").toBe(true);

  const question = await page.locator("#composer-question").textContent();
  // A restart ends every session (they live in memory): sign in again, and be back at the plan.
  await server.restart();
  await page.reload();
  await signIn(f);
  await expectStep(page, "Step 4 of 7: Strengths");
  await expect.poll(() => page.locator("#composer-question").textContent()).toBe(question);
  await expect.poll(() => transcriptBubble(page, "I am organised with paperwork").count()).toBe(1);
  if (f.js) {
    // …and opened again from the caseload, as on another day or another device. (Once is enough:
    // these are plain links, the same with or without JavaScript.)
    await tabTo(page, 'header a[href="/caseload"]', { backwards: true });
    await Promise.all([page.waitForURL(/\/caseload$/), page.keyboard.press("Enter")]);
    await tabTo(page, `main table a[href="${planPath}"]`);
    await Promise.all([page.waitForURL(/\/plans\/[\w-]+$/), page.keyboard.press("Enter")]);
    await expectStep(page, "Step 4 of 7: Strengths");
    await expect.poll(() => page.locator("#composer-question").textContent()).toBe(question);
    await markPage();
  }
  await expectFocusOnQuestion(f);

  await addAnswer(
    f,
    async () => {
      await tabTo(page, "#add-strengths-clientWords");
      await typeText(page, "My sister drives me when she can");
      await tabTo(page, 'input[name="role"]');
      await chooseRadio(page, "with-support");
    },
    "Add this strength",
    "My sister drives me when she can",
  );
  await continueTo(f, "Step 5 of 7: Action plan");
  await expectFocusOnQuestion(f);

  // Actions: one per goal, with each kind of target date.
  const actions = [
    { kind: "referral", words: "Refer to the rent assistance programme", role: "Case manager", name: "Jo Smith", target: "date", date: "12152026" },
    { kind: "service", words: "Book a GP appointment about low mood", role: "Client", name: "", target: "annual-review", date: "" },
    { kind: "advice", words: "Keep up the weekly job search routine", role: "Client", name: "", target: "ongoing", date: "" },
  ];
  for (const a of actions) {
    await addAnswer(
      f,
      async () => {
        // The question puts the focus on "What will be done"; the kind of action sits just above it.
        await tabTo(page, "#add-actions-description");
        await typeText(page, a.words);
        await tabTo(page, 'input[name="kind"]', { backwards: true });
        await chooseRadio(page, a.kind);
        await tabTo(page, "#add-actions-description");
        await tabTo(page, "#add-actions-responsibleRole");
        await chooseOption(page, a.role);
        if (a.name) {
          await tabTo(page, "#add-actions-responsibleName");
          await typeText(page, a.name);
        }
        await tabTo(page, 'input[name="targetKind"]');
        await chooseRadio(page, a.target);
        if (a.date) {
          await tabTo(page, "#add-actions-targetDate");
          await page.keyboard.type(a.date);
        }
      },
      "Add this action",
      a.words,
    );
  }
  await expectText(page.locator("#plan-panel"), "Jo Smith");
  await expectText(page.locator("#plan-panel"), "15 December 2026"); // the target date, written out in the page's language
  await f.checkLayout?.("the action plan step, every action in the plan panel");
  await continueTo(f, "Step 6 of 7: Contract wording");
  await expectFocusOnQuestion(f);

  // Edit the first goal from its row in the plan panel, then carry on where we were.
  await tabTo(page, '#plan-panel a.edit-link[href$="/goals/g1/edit"]');
  await press(f, "Enter", () => page.locator("form.edit-form").waitFor());
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("form.edit-form"))).toBe(true);
  await tabTo(page, 'form.edit-form textarea[name="clientWords"]');
  await typeOver(page, EDITED_GOAL);
  await tabTo(page, "form.edit-form button.primary");
  await press(f, "Enter", () => expectText(page.locator("ol#transcript > li#bubble-g1 .words"), EDITED_GOAL));
  await expectText(page.locator("#plan-panel"), EDITED_GOAL);
  await expectStep(page, "Step 6 of 7: Contract wording");

  // Contract wording: change the first commitment's words, then on to the review.
  await tabTo(page, "#composer textarea");
  await typeOver(page, "I, Jo, will refer Amira to the rent assistance programme by 15 December 2026.");
  await tabTo(page, '#composer button[name="then"][value="next"]');
  await press(f, "Enter", () => expectStep(page, "Step 7 of 7: Review"));
  await expectText(page.locator("#composer"), "Ready to sign.");
  const review = page.locator("#composer .plan-summary");
  await expectText(review, EDITED_GOAL);
  await expectText(review, GOALS[2].words);
  await expectText(review, "Not ready to talk about my family");
  await expectText(review, "I, Jo, will refer Amira to the rent assistance programme by 15 December 2026.");
  await f.checkLayout?.("the review step");
  if (f.js) expect(await pageKept(), "a full page load happened where htmx should have swapped fragments").toBe(true);
}
