/**
 * Debian's Chromium driven by playwright-core: whether it is here at all, how it is started on this
 * kind of machine, and what is kept when a test fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterEach, describe, it } from "vitest";

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
  if (chromiumFound) return describe(name, body);
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
  /** Only for injecting axe-core: the app's CSP allows 'self' scripts and nothing inline. */
  bypassCSP?: boolean;
  viewport?: { width: number; height: number };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /**
   * Script errors and CSP refusals seen so far: a working page has none. (The browser's own note
   * on each 4xx response is left out: the 401, 404 and 422 pages are meant.)
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
    bypassCSP: opts.bypassCSP ?? false,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  // Fail fast: a step that has not happened in 10 s is not going to.
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  sessions.add(context);
  return {
    context,
    page,
    problems,
    async close() {
      sessions.delete(context);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
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
