/**
 * A way back for a forgotten password: an administrator issues a one-time link from the accounts
 * page (the command line does the same, tests/cli/user-reset.test.ts); the link sets a new
 * password once, within an hour, ends every session of the account and signs its owner in.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit/audit-log.ts";
import { addUser, buildApp, get, ORIGIN, PASSWORD, post, signIn, text, withCookie, type App, type Built } from "../helpers/app.ts";

const NEW_PASSWORD = "a brand new passphrase";

/** An administrator issues a reset link for casey on the accounts page; the link as shown. */
async function issue(built: Built): Promise<{ link: string; token: string; html: string; admin: App }> {
  if (!(await built.deps.users.byUsername("ada"))) await addUser(built.deps, "admin", "ada");
  const admin = withCookie(built.raw, await signIn(built.raw, "ada"));
  const res = await post(admin, `/users/${built.user.id}/reset`, {});
  expect(res.status).toBe(200);
  const html = text(await res.text());
  const m = html.match(/value="(https?:\/\/[^"]*\/reset\/([A-Za-z0-9_-]+))"/);
  if (!m) throw new Error("no reset link on the page");
  return { link: m[1], token: m[2], html, admin };
}

async function entries(built: Built): Promise<AuditEntry[]> {
  return (await built.deps.audit.lines()).map((l) => JSON.parse(l) as AuditEntry);
}

/** A request on a socket from `address` (as the node adapter passes it). */
function from(built: Built, address: string) {
  const app = built.raw as unknown as { request: (url: string, init: RequestInit, env: unknown) => Promise<Response> };
  const env = { incoming: { socket: { remoteAddress: address, remoteFamily: "IPv4" }, readableDidRead: true } };
  return (path: string, fields: Record<string, string>) =>
    app.request(`${ORIGIN}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN }, body: new URLSearchParams(fields) }, env);
}

describe("resetting a forgotten password with a one-time link", () => {
  it("lets an administrator issue a link for a colleague, shown once in a box to copy, and records it", async () => {
    const built = await buildApp();
    const { html, token } = await issue(built);
    expect(html).toContain("Reset link for casey");
    expect(html).toMatch(/<input[^>]*readonly[^>]*value="[^"]*\/reset\//);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16); // 128 random bits at least
    // Only its hash is kept: the token is in no file of the data folder.
    const dir = join(built.dataDir, "password-resets");
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain(token);
    expect(statSync(join(dir, files[0])).mode & 0o777).toBe(0o600);
    // The accounts page shown again does not show the link again.
    expect(text(await (await get(withCookie(built.raw, (await signIn(built.raw, "ada"))), "/users")).text())).not.toContain(token);
    const issued = (await entries(built)).find((e) => e.action === "password-reset-issued");
    const ada = await built.deps.users.byUsername("ada");
    expect(issued).toMatchObject({ actor: ada!.id, record: built.user.id });
  }, 60_000);

  it("sets a new password once, ends every session of the account and signs its owner in", async () => {
    const built = await buildApp();
    const { token } = await issue(built);
    const page = await get(built.raw, `/reset/${token}`);
    expect(page.status).toBe(200);
    expect(text(await page.text())).toContain("casey");

    const res = await post(built.raw, `/reset/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/coplan_session=/);
    expect((await get(built.raw, "/caseload", { cookie })).status).toBe(200);
    // The session casey had before (perhaps on a lost phone) is over.
    const before = await get(built.app, "/caseload");
    expect(before.status).toBe(303);
    expect(before.headers.get("Location")).toMatch(/^\/signin/);
    await expect(signIn(built.raw, "casey", PASSWORD)).rejects.toThrow(/401/);
    await signIn(built.raw, "casey", NEW_PASSWORD);

    const again = await post(built.raw, `/reset/${token}`, { password: "yet another passphrase", confirm: "yet another passphrase" });
    expect(again.status).toBe(410);
    expect(text(await again.text())).toContain("This reset link no longer works");
    expect((await get(built.raw, `/reset/${token}`)).status).toBe(410);
    const used = (await entries(built)).find((e) => e.action === "password-reset-used");
    expect(used).toMatchObject({ actor: built.user.id, record: built.user.id });
  }, 60_000);

  it("says in plain words what is wrong with the new password, and the link still works after", async () => {
    const built = await buildApp();
    const { token } = await issue(built);
    const short = await post(built.raw, `/reset/${token}`, { password: "short", confirm: "short" });
    expect(short.status).toBe(422);
    const shortHtml = text(await short.text());
    expect(shortHtml).toContain("Use at least 12 characters");
    expect(shortHtml).toContain('aria-invalid="true"');
    expect(shortHtml).not.toContain('value="short"'); // a password is never sent back
    const differ = await post(built.raw, `/reset/${token}`, { password: NEW_PASSWORD, confirm: "something else entirely" });
    expect(differ.status).toBe(422);
    expect(text(await differ.text())).toContain("The two passwords are not the same.");
    expect((await post(built.raw, `/reset/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
  }, 60_000);

  it("answers 410 with a plain page once the hour has passed", async () => {
    const built = await buildApp();
    const { token } = await issue(built);
    built.clock.t = new Date(built.clock.t.getTime() + 61 * 60_000);
    const page = await get(built.raw, `/reset/${token}`);
    expect(page.status).toBe(410);
    expect(text(await page.text())).toContain("Ask an administrator for a new one");
    expect((await post(built.raw, `/reset/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(410);
    await signIn(built.raw, "casey", PASSWORD); // nothing changed
  }, 60_000);

  it("sets at most one password when the link is used twice at once", async () => {
    const built = await buildApp();
    const { token } = await issue(built);
    const [a, b] = await Promise.all([
      post(built.raw, `/reset/${token}`, { password: "first new passphrase", confirm: "first new passphrase" }),
      post(built.raw, `/reset/${token}`, { password: "second new passphrase", confirm: "second new passphrase" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 410]);
    const winner = a.status === 303 ? "first new passphrase" : "second new passphrase";
    const loser = a.status === 303 ? "second new passphrase" : "first new passphrase";
    await signIn(built.raw, "casey", winner);
    await expect(signIn(built.raw, "casey", loser)).rejects.toThrow(/401/);
  }, 60_000);

  it("clears the owner's sign-in lockout, so they can sign in from where they guessed", async () => {
    const built = await buildApp();
    const desk = from(built, "192.0.2.44");
    for (let i = 0; i < 6; i++) expect((await desk("/signin", { username: "casey", password: "forgotten-password", next: "/" })).status).toBe(401);
    expect((await desk("/signin", { username: "casey", password: PASSWORD, next: "/" })).status).toBe(429);
    const { token } = await issue(built);
    expect((await desk(`/reset/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
    expect((await desk("/signin", { username: "casey", password: NEW_PASSWORD, next: "/" })).status).toBe(303);
  }, 60_000);

  it("refuses an address that keeps trying links that do not exist, as sign-in does", async () => {
    const built = await buildApp();
    const guesser = from(built, "198.51.100.7");
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await guesser(`/reset/guess${i}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status);
    expect(statuses.slice(0, 30).every((s) => s === 410)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  }, 60_000);

  it("offers no reset to anyone but an administrator", async () => {
    const built = await buildApp();
    await addUser(built.deps, "case-manager", "jo");
    const jo = await built.deps.users.byUsername("jo");
    expect((await post(built.app, `/users/${jo!.id}/reset`, {})).status).toBe(403);
    expect((await post(built.raw, `/users/${jo!.id}/reset`, {})).status).not.toBe(200);
  }, 60_000);
});
