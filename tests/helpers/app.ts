/** Builds Coplan over a store in a fresh temp folder, and speaks to it the way a browser would. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.ts";
import { summarize } from "../../src/plans/conversation.ts";
import { loadSettings } from "../../src/settings.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";

export const ORIGIN = "http://localhost";

export function tempDir(prefix = "coplan-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function buildApp(dataDir = tempDir(), now = () => new Date("2026-11-24T10:00:00Z")) {
  const store = new LowdbPlanStore({ dataDir, now, summarize });
  const settings = loadSettings({ COPLAN_DATA_DIR: dataDir, NODE_ENV: "test" });
  const app = createApp({ store, now, settings });
  return { app, store, dataDir };
}

export type App = ReturnType<typeof buildApp>["app"];

export async function post(app: App, path: string, fields: Record<string, string>, opts: { htmx?: boolean } = {}) {
  return app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      ...(opts.htmx ? { "HX-Request": "true" } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

export async function get(app: App, path: string, opts: { htmx?: boolean } = {}) {
  return app.request(`${ORIGIN}${path}`, { headers: opts.htmx ? { "HX-Request": "true" } : {} });
}

/** The plan version a page's forms carry. */
export function revOf(html: string): string {
  const m = html.match(/name="rev" value="(\d+)"/);
  if (!m) throw new Error("no rev on the page");
  return m[1];
}

export const SETUP_FORM = {
  clientName: "Amira Haddad",
  preferredName: "Amira",
  pronouns: "she/her",
  serviceLength: "short-term",
  assessmentType: "initial",
  planDate: "2026-11-24",
  annualReviewDate: "2027-11-24",
  priorityIssues: "Housing at risk\nDepression\nIncome\nFamily contact",
};

export async function createPlanViaForm(app: App): Promise<string> {
  const res = await post(app, "/plans", SETUP_FORM);
  const location = res.headers.get("Location") ?? "";
  const id = location.split("/").pop()!;
  if (res.status !== 303 || !id) throw new Error(`plan not created: ${res.status}`);
  return id;
}

/** Decodes the HTML entities Eta's escaping produces, to compare with what a user sees. */
export function text(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
