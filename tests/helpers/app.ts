/**
 * Builds Coplan over a fresh temp folder with real accounts, and speaks to it the way a browser
 * would: same-origin form posts, and the session cookie of a signed-in case manager by default.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.ts";
import { buildDeps, type Deps, loadLegacySealsInto } from "../../src/deps.ts";
import { hashPassword } from "../../src/auth/passwords.ts";
import type { Role, User } from "../../src/auth/users.ts";
import { loadSettings } from "../../src/settings.ts";
import { setupToForm } from "../../src/plans/forms.ts";
import { SETUP } from "../fixtures.ts";
import { registerSigner } from "./signed.ts";

export const ORIGIN = "http://localhost";
export const PASSWORD = "correct horse battery staple";

export function tempDir(prefix = "coplan-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Hashing at full scrypt cost takes a while: hash the shared test password once per test file.
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export type App = { request: (input: string, init?: RequestInit) => Promise<Response> };

export interface Built {
  app: App;
  /** The app without the default session: for anonymous requests and other users. */
  raw: App;
  deps: Deps;
  store: Deps["store"];
  dataDir: string;
  user: User;
  cookie: string;
  /** A controllable clock, if the test wants to move time. */
  clock: { t: Date };
}

export async function addUser(deps: Deps, role: Role, username: string): Promise<User> {
  return deps.users.add({ username, displayName: username.replace(/^./, (c) => c.toUpperCase()), role, password: PASSWORD, passwordHash: await passwordHash() });
}

export async function signIn(app: App, username: string, password = PASSWORD, origin = ORIGIN): Promise<string> {
  const res = await app.request(`${origin}/signin`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ username, password, next: "/" }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed for ${username}: ${res.status}`);
  return (res.headers.get("Set-Cookie") ?? "").split(";")[0];
}

export function withCookie(app: App, cookie: string): App {
  return {
    request: (input, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("Cookie")) headers.set("Cookie", cookie);
      return app.request(input, { ...init, headers });
    },
  };
}

export async function buildApp(dataDir = tempDir(), clock = { t: new Date("2026-11-24T10:00:00Z") }, env: Record<string, string> = {}): Promise<Built> {
  const settings = loadSettings({ COPLAN_DATA_DIR: dataDir, NODE_ENV: "test", ...env });
  const deps = buildDeps(settings, () => clock.t);
  await loadLegacySealsInto(deps); // as the server does once its store is open
  const raw = createApp(deps) as unknown as App;
  registerSigner(deps.store, deps.signer);
  const existing = await deps.users.byUsername("casey");
  const user = existing ?? (await addUser(deps, "case-manager", "casey"));
  const cookie = await signIn(raw, "casey", PASSWORD, settings.origin ?? ORIGIN);
  return { app: withCookie(raw, cookie), raw, deps, store: deps.store, dataDir, user, cookie, clock };
}

export async function post(app: App, path: string, fields: Record<string, string>, opts: { htmx?: boolean; cookie?: string } = {}) {
  return app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      ...(opts.htmx ? { "HX-Request": "true" } : {}),
      ...(opts.cookie ? { Cookie: opts.cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

export async function get(app: App, path: string, opts: { htmx?: boolean; cookie?: string; headers?: Record<string, string> } = {}) {
  return app.request(`${ORIGIN}${path}`, { headers: { ...(opts.htmx ? { "HX-Request": "true" } : {}), ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers } });
}

/** The plan version a page's forms carry. */
export function revOf(html: string): string {
  const m = html.match(/name="rev" value="(\d+)"/);
  if (!m) throw new Error("no rev on the page");
  return m[1];
}

export const SETUP_FORM = setupToForm({ ...SETUP, priorityIssues: [...SETUP.priorityIssues, "Family contact"] });

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
