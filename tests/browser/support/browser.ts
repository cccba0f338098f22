/**
 * Debian's Chromium driven by playwright-core: whether it is here at all, how it is started on this
 * kind of machine, and what is kept when a test fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere, e.g. to try the no-browser path. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * As root in a sandbox with a closed network: no sandbox (root), no GPU, and none of Chromium's own
 * calls home (background networking, component updates, sync), which are refused here and slow
 * every start. Each context gets a fresh, empty profile (launchPersistentContext's folder).
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const resultsDir = join(repoRoot, "test-results");
const chromiumFound = existsSync(CHROMIUM_PATH);
const inCI = process.env.CI === "true";

function warnNotRun(suite: string) {
  const bar = "!".repeat(78);
  console.error(
    [
      "",
      bar,
      "!!  BROWSER TESTS DID NOT RUN",
      `!!  ${suite}`,
      `!!  Chromium was not found at ${CHROMIUM_PATH}, so these tests are SKIPPED.`,
      "!!  Nothing here was checked in a real browser (keyboard, no-JS, axe, phone).",
      "!!  Install it with:  sudo apt-get install -y chromium",
      "!!  (With CI=true a missing Chromium fails the run instead.)",
      bar,
      "",
    ].join("\n"),
  );
}

/**
 * describe() for a suite that needs the browser. Without Chromium the suite is skipped (and says so
 * loudly) on a developer's machine, but fails under CI=true: a CI run that checked nothing in a
 * browser must not look green.
 */
export function describeInBrowser(name: string, body: () => void) {
  if (chromiumFound) {
    return describe(name, () => {
      failOnPageProblems();
      body();
    });
  }
  if (inCI) {
    return describe(name, () => {
      it(`needs Debian's Chromium at ${CHROMIUM_PATH}`, () => {
        throw new Error(`BROWSER TESTS DID NOT RUN: ${CHROMIUM_PATH} is missing and CI=true. Install the 'chromium' package.`);
      });
    });
  }
  warnNotRun(name);
  return describe.skip(name, body);
}

export interface BrowserOptions {
  javaScriptEnabled?: boolean;
  /**
   * Ignored: every page runs under the app's real Content-Security-Policy, so that a refusal shows
   * up as a problem. axe-core no longer needs it (support/axe.ts evaluates it instead of injecting
   * an inline script tag).
   */
  bypassCSP?: boolean;
  viewport?: { width: number; height: number };
  /** The browser's own language (what it sends as Accept-Language). */
  locale?: string;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /**
   * What went wrong in any page of this browser so far: console errors (CSP refusals included),
   * script errors, and any file a page needed that did not load (a missing /favicon.ico, a style
   * sheet, a script). Every test fails while this holds anything (failOnPageProblems); a test that
   * provokes one on purpose asserts it and empties the list. A 4xx page or htmx response is meant
   * (the 401, 404 and 422 answers), so documents and fetches are judged by what the page shows.
   */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(opts: BrowserOptions = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "coplan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    bypassCSP: false,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    // The browser's language (Accept-Language and navigator.language): en-US unless a test asks.
    locale: opts.locale ?? "en-US",
    timezoneId: "UTC",
  });
  // Fail fast: a step that has not happened in 10 s is not going to.
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  for (const p of context.pages()) watchPage(p, problems);
  context.on("page", (p) => watchPage(p, problems));
  sessions.add(context);
  const session: BrowserSession = {
    context,
    page,
    problems,
    async close() {
      sessions.delete(context);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  openSessions.add(session);
  return session;
}

/** Documents and fetches answer 4xx on purpose (a 404 page, htmx's 422 form); the rest must load. */
const MEANT_TO_FAIL = new Set(["document", "fetch", "xhr", "eventsource"]);

function watchPage(page: Page, problems: string[]) {
  page.on("console", (msg) => {
    // "Failed to load resource" is Chromium's note on every 4xx, meant ones included: the response
    // handler below judges those by what was asked for.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) problems.push(`console (${page.url()}): ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error (${page.url()}): ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !MEANT_TO_FAIL.has(res.request().resourceType())) problems.push(`${res.status()} for ${res.url()} (${res.request().resourceType()}) on ${page.url()}`);
  });
  page.on("requestfailed", (req) => {
    // A navigation cut short by the next one is not a fault of the page.
    if (MEANT_TO_FAIL.has(req.resourceType())) return;
    problems.push(`could not load ${req.url()} (${req.failure()?.errorText}) on ${page.url()}`);
  });
}

/** Sessions not yet closed, whose problems are checked after every test. */
const openSessions = new Set<BrowserSession>();

/**
 * After every browser test: no open browser saw a console error, a CSP refusal, a script error or a
 * missing file, on any page it opened; a session closed during the test is checked once more and
 * then forgotten.
 */
export function failOnPageProblems() {
  afterEach(() => {
    const seen = [...openSessions].flatMap((s) => s.problems.splice(0));
    for (const s of openSessions) if (!s.context.pages().length) openSessions.delete(s);
    expect(seen, "console errors, CSP refusals, script errors or missing files in the browser").toEqual([]);
  });
}

const sessions = new Set<BrowserContext>();

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 80);
}

/**
 * On a failed test, keeps a screenshot and the HTML of every open page under test-results/ and
 * names them, so a red CI run can be read without running it again.
 */
export function keepEvidenceOnFailure() {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    mkdirSync(resultsDir, { recursive: true });
    const file = basename(ctx.task.file?.name ?? "browser");
    const stem = `${slug(file.replace(/\.test\.ts$/, ""))}--${slug(ctx.task.name)}--${Date.now()}`;
    let n = 0;
    for (const context of sessions) {
      for (const page of context.pages()) {
        const base = join(resultsDir, `${stem}-${++n}`);
        const saved: string[] = [];
        try {
          await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 });
          saved.push(`${base}.png`);
        } catch (err) {
          console.error(`(no screenshot: ${err instanceof Error ? err.message : err})`);
        }
        try {
          writeFileSync(`${base}.html`, `<!-- ${page.url()} -->\n${await page.content()}`);
          saved.push(`${base}.html`);
        } catch (err) {
          console.error(`(no HTML: ${err instanceof Error ? err.message : err})`);
        }
        const says = await page
          .locator("body")
          .innerText({ timeout: 2_000 })
          .then((t) => t.replace(/\s+/g, " ").trim().slice(0, 240))
          .catch(() => "(unreadable)");
        console.error(
          `Evidence of the failure "${ctx.task.name}" (${page.url()}):\n${saved.map((p) => "  " + relative(repoRoot, p)).join("\n")}\n  The page says: ${says}`,
        );
      }
    }
  });
}
