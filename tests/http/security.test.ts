import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { verifyChain } from "../../src/audit/audit-log.ts";
import { lockDataDir, FolderInUseError } from "../../src/store/lock.ts";
import { addUser, buildApp, get, ORIGIN, PASSWORD, post, signIn, tempDir, text, withCookie, type App, type Built } from "../helpers/app.ts";
import { loadPlan } from "../../src/plans/conversation.ts";
import { planAtReview } from "../helpers/plans.ts";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("CSRF", () => {
  it.each([
    ["a foreign Origin", { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" }],
    ["a cross-site fetch", { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", Origin: ORIGIN }],
    ["no Origin and no Sec-Fetch-Site", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["a missing Content-Type", { Origin: ORIGIN }],
    ["an upper-case Content-Type", { "Content-Type": "APPLICATION/X-WWW-FORM-URLENCODED", Origin: "https://evil.example" }],
    ["a JSON body", { "Content-Type": "application/json", Origin: ORIGIN }],
  ])("refuses a state change with %s (403) and changes nothing", async (_name, headers) => {
    const { app, store } = await buildApp();
    const res = await app.request(`${ORIGIN}/plans`, { method: "POST", headers, body: form({ clientName: "X", serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2027-11-24", priorityIssues: "Debt" }) });
    expect(res.status).toBe(403);
    expect(await store.list()).toHaveLength(0);
  });

  it("takes a browser's same-origin form post even with Origin: null (no-referrer pages)", async () => {
    const { app } = await buildApp();
    const res = await app.request(`${ORIGIN}/plans`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", Origin: "null" }, body: form({ clientName: "X", serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2027-11-24", priorityIssues: "Debt" }) });
    expect(res.status).toBe(303);
  });

  it("takes a same-origin form post", async () => {
    const { app } = await buildApp();
    const res = await app.request(`${ORIGIN}/plans`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", Origin: ORIGIN }, body: form({ clientName: "X", serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2027-11-24", priorityIssues: "Debt" }) });
    expect(res.status).toBe(303);
  });
});

describe("sessions", () => {
  it("ends after 15 idle minutes, sending pages to sign-in and htmx answers to a sign-in notice", async () => {
    const { app, clock } = await buildApp();
    expect((await get(app, "/caseload")).status).toBe(200);
    clock.t = new Date(clock.t.getTime() + 14 * 60_000);
    expect((await get(app, "/caseload")).status).toBe(200); // activity keeps it alive
    clock.t = new Date(clock.t.getTime() + 16 * 60_000);
    const page = await get(app, "/caseload");
    expect(page.status).toBe(303);
    expect(page.headers.get("Location")).toBe("/signin?next=%2Fcaseload");
    const htmx = await post(app, "/plans/AAAAAAAAAAAAAAAA/goals", { rev: "1", clientWords: "my words" }, { htmx: true });
    expect(htmx.status).toBe(401);
    expect(htmx.headers.get("HX-Retarget")).toBe("#session-notice");
    expect(await htmx.text()).toContain("Your answer is still in its form");
  });

  it("keeps a plain form's words through sign-in after a time-out", async () => {
    const { app, clock } = await buildApp();
    clock.t = new Date(clock.t.getTime() + 20 * 60_000);
    const res = await post(app, "/plans/AAAAAAAAAAAAAAAA/goals", { rev: "3", clientWords: "Je veux garder mon appartement" });
    expect(res.status).toBe(401);
    const html = text(await res.text());
    expect(html).toContain('name="replay:clientWords" value="Je veux garder mon appartement"');
  });

  it("ends after 12 hours however active", async () => {
    const { app, clock } = await buildApp();
    // Active every 10 minutes: the session lives on until the twelfth hour, and not past it.
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.t = new Date(clock.t.getTime() + 10 * 60_000);
      expect((await get(app, "/caseload")).status, `after ${minutes} minutes`).toBe(200);
    }
    clock.t = new Date(clock.t.getTime() + 10 * 60_000);
    expect((await get(app, "/caseload")).status).toBe(303);
  });

  it("sets HttpOnly, SameSite=Lax cookies, with __Host- and Secure over HTTPS", async () => {
    const plain = await buildApp();
    const res = await plain.raw.request(`${ORIGIN}/signin`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN }, body: form({ username: "casey", password: PASSWORD }) });
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^coplan_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const https = await buildApp(tempDir(), undefined, { COPLAN_ORIGIN: "https://coplan.example.org" });
    const secure = await https.raw.request("https://coplan.example.org/signin", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://coplan.example.org" }, body: form({ username: "casey", password: PASSWORD }) });
    expect(secure.headers.get("Set-Cookie")).toMatch(/^__Host-coplan_session=.*Path=\/.*Secure/);
  });

  it("gives the same message for an unknown user and a wrong password, and throttles after six failures", async () => {
    const { raw, deps, user } = await buildApp();
    const attempt = (username: string, password: string) => raw.request(`${ORIGIN}/signin`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN }, body: form({ username, password }) });
    const unknown = text(await (await attempt("nobody", "whatever-password")).text());
    const wrong = text(await (await attempt("casey", "wrong-password!")).text());
    const message = "That username and password do not match an active account.";
    expect(unknown).toContain(message);
    expect(wrong).toContain(message);
    for (let i = 0; i < 5; i++) expect((await attempt("casey", "wrong-password!")).status).toBe(401);
    const locked = await attempt("casey", PASSWORD);
    expect(locked.status).toBe(429);
    // Repeats are folded: the first failure at once, the other five counted in one entry once the minute is over.
    await deps.audit.flushRepeats(true);
    const lines = await deps.audit.lines();
    const failures = lines.map((l) => JSON.parse(l)).filter((e) => e.action === "sign-in-failed" && e.actor === user.id);
    expect(failures.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(6);
    expect(lines.some((l) => l.includes('"sign-in-throttled"'))).toBe(true);
  }, 30_000);

  it("signing out ends the session on the server and clears the site's data", async () => {
    const { app } = await buildApp();
    const res = await post(app, "/signout", {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Clear-Site-Data")).toContain('"cookies"');
    expect((await get(app, "/caseload")).status).toBe(303); // the old cookie no longer works
  });

  it("disabling an account ends its sessions at once", async () => {
    const built = await buildApp();
    await addUser(built.deps, "admin", "ada");
    const adminApp = withCookie(built.raw, await signIn(built.raw, "ada"));
    expect((await get(built.app, "/caseload")).status).toBe(200);
    const res = await post(adminApp, `/users/${built.user.id}/disable`, {});
    expect(res.status).toBe(303);
    expect((await get(built.app, "/caseload")).status).toBe(303);
    expect((await get(adminApp, "/users")).status).toBe(200); // only the disabled account's sessions end
  });
});

describe("headers", () => {
  it("sends a strict CSP and privacy headers on full pages and on fragments", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    for (const res of [await get(app, `/plans/${plan.id}`), await get(app, `/plans/${plan.id}/bubbles/g1`, { htmx: true }), await get(app, "/signin")]) {
      const csp = res.headers.get("Content-Security-Policy")!;
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      for (const part of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "script-src 'self'"]) expect(csp).toContain(part);
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("refuses an oversized post with 413, with a message the user can act on", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const big = await post(app, `/plans/${plan.id}/goals`, { rev: "1", clientWords: "x".repeat(300_000) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("too long to send");
  });

  it("shows an unexpected server error as a plain page, with no stack trace or internal message", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const failure = new Error("EIO: i/o error, read /var/lib/coplan/plans/secret.json");
    store.get = async () => {
      throw failure;
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await get(app, `/plans/${plan.id}`);
      expect(res.status).toBe(500);
      const html = await res.text();
      expect(html).toContain("Something went wrong on our side");
      expect(html).not.toContain("secret.json");
      expect(html).not.toMatch(/at .*\.ts:\d+/);
      expect(logged).toHaveBeenCalledWith(failure); // kept for the administrator, in the server's log
    } finally {
      logged.mockRestore();
    }
  });

  it("refuses an oversized post sent without a length (chunked) with 413 too", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const body = new TextEncoder().encode(new URLSearchParams({ rev: "1", clientWords: "x".repeat(300_000) }).toString());
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < body.length; i += 16_384) controller.enqueue(body.subarray(i, i + 16_384));
        controller.close();
      },
    });
    const res = await app.request(`${ORIGIN}/plans/${plan.id}/goals`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Transfer-Encoding": "chunked" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("too long to send");
  });
});

describe("the audit log", () => {
  it("writes one entry for a plan view, with no client words", async () => {
    const { app, store, user, deps } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const before = (await deps.audit.lines()).length;
    await get(app, `/plans/${plan.id}`);
    const lines = await deps.audit.lines();
    expect(lines.length - before).toBe(1);
    const entry = JSON.parse(lines.at(-1)!);
    expect(entry).toMatchObject({ actor: user.id, action: "plan-viewed", record: plan.id, outcome: "ok" });
    expect(lines.join("\n")).not.toContain("أريد");
    expect(lines.join("\n")).not.toContain(PASSWORD);
  });

  it("detects an edited or removed entry", async () => {
    const { app, deps } = await buildApp();
    for (let i = 0; i < 3; i++) await get(app, "/caseload");

    const lines = await deps.audit.lines();
    expect(verifyChain(lines).ok).toBe(true);
    const edited = [...lines];
    edited[1] = edited[1].replace('"plan-list"', '"sign-out"');
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 2 });
    const removed = lines.filter((_, i) => i !== 1);
    expect(verifyChain(removed).ok).toBe(false);
  });

  it("shows supervisors the chain's state and filters entries", async () => {
    const built = await buildApp();
    await addUser(built.deps, "supervisor", "sam");
    const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    let html = text(await (await get(sam, "/audit?action=sign-in")).text());
    expect(html).toContain("The log is intact");
    expect(html).toMatch(/2 matching entries/);
    const lines = await built.deps.audit.lines();
    writeFileSync(join(built.dataDir, "audit.log"), lines.map((l, i) => (i === 0 ? l.replace("sign-in", "sign-out") : l)).join("\n") + "\n");
    html = text(await (await get(sam, "/audit")).text());
    expect(html).toContain("The log has been tampered with");
  });
});

describe("escaping", () => {
  const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '" hx-get="/users" hx-trigger="load', "<div hx-post='/signout' hx-trigger='load'>x</div>"];
  const [SCRIPT, IMG, ATTR, HTMX] = PAYLOADS;

  /** The text as Eta's auto-escaping writes it: the form a browser shows as these very characters. */
  const escaped = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

  /** The HTML of the element with this id, up to its own closing tag. */
  function element(html: string, id: string): string {
    const open = html.search(new RegExp(`<[a-z0-9]+[^>]*\\sid="${id}"`));
    if (open < 0) throw new Error(`no element with id="${id}"`);
    const tag = html.slice(open + 1).match(/^[a-z0-9]+/)![0];
    const tags = new RegExp(`<(/?)${tag}[\\s>]`, "g");
    tags.lastIndex = open + 1;
    for (let depth = 1, m; (m = tags.exec(html)); ) if ((depth += m[1] ? -1 : 1) === 0) return html.slice(open, tags.lastIndex);
    throw new Error(`element id="${id}" is not closed`);
  }

  /** Each text shows in this HTML, escaped, and nowhere as live markup. */
  function expectShownAsText(html: string, where: string, ...texts: string[]) {
    for (const t of texts) {
      expect(html, `${where} shows ${t}`).toContain(escaped(t));
      expect(html, `${where} has ${t} as markup`).not.toContain(t);
    }
  }

  /** A plan at review with a payload in every field a person types, each answer checked as saved. */
  async function planWithPayloads(app: App, store: Built["store"]) {
    const created = await post(app, "/plans", { clientName: SCRIPT, preferredName: IMG, pronouns: ATTR, serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2027-11-24", priorityIssues: `${HTMX}\n${SCRIPT}` });
    expect(created.status).toBe(303);
    const id = created.headers.get("Location")!.match(/^\/plans\/([A-Za-z0-9_-]{16})$/)![1];
    const answer = async (step: string, fields: Record<string, string>) => {
      const rev = String((await store.get(id))!.rev);
      const res = await post(app, `/plans/${id}/${step}`, { rev, ...fields });
      expect(res.status, `${step}: ${await res.clone().text()}`).toBe(303);
      expect(res.headers.get("Location"), step).toBe(`/plans/${id}`);
      expect((await store.get(id))!.rev, `${step} saved nothing`).toBeGreaterThan(Number(rev));
    };
    await answer("goals", { issue: HTMX, clientWords: SCRIPT, restatement: IMG });
    await answer("declined", { issue: ATTR, reason: HTMX });
    await answer("next", {});
    await answer("barriers", { goalId: "g1", clientWords: IMG, category: "legal" });
    await answer("next", {});
    await answer("strengths", { clientWords: ATTR, role: "alone" });
    await answer("next", {});
    await answer("actions", { goalId: "g1", kind: "advice", description: HTMX, responsibleRole: "family", responsibleName: SCRIPT, targetKind: "annual-review" });
    await answer("next", {});
    await answer("commitments", { "text-a5": IMG, then: "next" });
    const saved = (await loadPlan(store, id))!;
    expect(saved.step).toBe("review");
    expect(saved.data).toMatchObject({
      setup: { clientName: SCRIPT, preferredName: IMG, pronouns: ATTR, priorityIssues: [HTMX, SCRIPT] },
      goals: [{ id: "g1", issue: HTMX, clientWords: SCRIPT, restatement: IMG }],
      declined: [{ id: "d2", issue: ATTR, reason: HTMX }],
      barriers: [{ id: "b3", clientWords: IMG }],
      strengths: [{ id: "s4", clientWords: ATTR }],
      actions: [{ id: "a5", description: HTMX, responsible: { name: SCRIPT }, commitment: IMG }],
    });
    return id;
  }

  async function page(app: App, path: string): Promise<string> {
    const res = await get(app, path);
    expect(res.status, path).toBe(200);
    return res.text();
  }

  it("shows script and htmx-attribute payloads typed into every client field as text where they are shown", async () => {
    const { app, store } = await buildApp();
    const id = await planWithPayloads(app, store);

    const plan = await page(app, `/plans/${id}`);
    expectShownAsText(plan, "the plan page", ...PAYLOADS);
    expectShownAsText(element(plan, "bubble-g1"), "the goal's bubble", SCRIPT, HTMX, IMG);
    expectShownAsText(element(plan, "bubble-d2"), "the declined area's bubble", ATTR, HTMX);
    expectShownAsText(element(plan, "bubble-b3"), "the barrier's bubble", IMG);
    expectShownAsText(element(plan, "bubble-s4"), "the strength's bubble", ATTR);
    expectShownAsText(element(plan, "bubble-a5"), "the action's bubble", HTMX, SCRIPT);
    expectShownAsText(element(plan, "bubble-c-a5"), "the commitment's bubble", IMG);
    expectShownAsText(element(plan, "plan-panel"), "the plan panel", ...PAYLOADS);

    // In attribute values a stray quote would end the attribute and start the attacker's own.
    expect(await page(app, `/plans/${id}/declined/d2/edit`)).toContain(`value="${escaped(ATTR)}"`);
    expect(await page(app, `/plans/${id}/setup/edit`)).toContain(`value="${escaped(ATTR)}"`);
    const goal = await page(app, `/plans/${id}/goals/g1/edit`);
    expectShownAsText(goal, "the goal's edit form", SCRIPT, HTMX, IMG);
    expect(goal).toContain(`value="${escaped(HTMX)}"`);
    const action = await page(app, `/plans/${id}/actions/a5/edit`);
    expectShownAsText(action, "the action's edit form", SCRIPT, HTMX);
    expect(action).toContain(`value="${escaped(SCRIPT)}"`);

    expectShownAsText(element(await page(app, `/plans/${id}/handover`), "main"), "the handover summary", ...PAYLOADS);
    expectShownAsText(element(await page(app, "/caseload"), "main"), "the caseload", SCRIPT);
  });

  it("escapes them on the signed retainer and the client's review page too", async () => {
    const { app, store } = await buildApp();
    const id = await planWithPayloads(app, store);
    const rev = async () => String((await store.get(id))!.rev);
    for (const [step, fields] of [
      ["next", {}],
      ["consent", { agreeClient: "yes", agreeCaseManager: "yes" }],
      ["sign", { party: "client", typedName: ATTR, agree: "yes" }],
      ["sign", { party: "case-manager", typedName: HTMX, agree: "yes" }],
    ] as const) {
      const res = await post(app, `/plans/${id}/${step}`, { rev: await rev(), ...fields });
      expect(res.status, `${step}: ${await res.clone().text()}`).toBe(303);
    }
    expect((await store.get(id))!.sealed).toBeDefined();

    const retainer = await page(app, `/plans/${id}/retainer`);
    expectShownAsText(retainer, "the retainer page", ...PAYLOADS);
    expectShownAsText(element(retainer, "main"), "the retainer", ...PAYLOADS);

    const made = await post(app, `/plans/${id}/review-links`, { rev: await rev(), days: "7" });
    expect(made.status).toBe(201);
    const link = new URL(text((await made.text()).match(/id="new-review-link">([^<]+)</)![1]));
    const opened = await app.request(link.toString());
    expect(opened.status).toBe(303);
    const review = await app.request(new URL(opened.headers.get("Location")!, link).toString(), { headers: { Cookie: opened.headers.get("Set-Cookie")!.split(";")[0] } });
    expect(review.status).toBe(200);
    const reviewed = await review.text();
    expectShownAsText(reviewed, "the client's review page", ...PAYLOADS);
    expectShownAsText(element(reviewed, "main"), "the client's review page", ...PAYLOADS);
  });
});

describe("storage at rest and one writer", () => {
  it("encrypts plan files with a key and reads them back", async () => {
    const key = "a".repeat(64);
    const dir = tempDir();
    const { store, user } = await buildApp(dir, undefined, { COPLAN_ENCRYPTION_KEY: key });
    const plan = await planAtReview(store, user.id);
    // Saves reach the journal first, then the plan's own file at a checkpoint: both encrypted.
    const journal = readdirSync(join(dir, "journal")).map((n) => readFileSync(join(dir, "journal", n), "utf8")).join("");
    expect(journal).toContain("coplan-aes-256-gcm");
    expect(journal).not.toContain("Housing at risk");
    await store.checkpoint!();
    const raw = readFileSync(join(dir, "plans", `${plan.id}.json`), "utf8");
    expect(raw).toContain("coplan-aes-256-gcm");
    expect(raw).not.toContain("Housing at risk");
    const again = await buildApp(dir, undefined, { COPLAN_ENCRYPTION_KEY: key });
    expect((await again.store.get(plan.id))!.id).toBe(plan.id);
    const wrong = await buildApp(dir, undefined, { COPLAN_ENCRYPTION_KEY: "b".repeat(64) });
    await expect(wrong.store.init()).rejects.toThrow(/cannot be decrypted/);
  });

  it("refuses a second process on the same data folder, with a clear message", () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "coplan.lock"), String(process.ppid)); // a live process holds it
    expect(() => lockDataDir(dir)).toThrow(FolderInUseError);
    expect(() => lockDataDir(dir)).toThrow(/already using the data folder/);
    writeFileSync(join(dir, "coplan.lock"), "999999"); // a crashed one: taken over
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, "coplan.lock"), "utf8")).toBe(String(process.pid));
    unlock();
  });

  it("adds a user from the command line and refuses bad arguments clearly", () => {
    const dir = tempDir();
    const run = (args: string[]) => execFileSync("npx", ["tsx", "scripts/user-add.ts", ...args], { env: { ...process.env, COPLAN_DATA_DIR: dir }, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    const out = run(["--username", "jo", "--name", "Jo Smith", "--role", "supervisor"]);
    expect(out).toMatch(/Added jo \(supervisor\)\.\nFirst password, shown only now: \S{20}/);
    expect(() => run(["--username", "jo", "--name", "Jo", "--role", "boss"])).toThrow(/--role must be one of/);
  }, 30_000);
});

describe("handover", () => {
  it("moves a case to another case manager, who sees the summary; the old one no longer sees it", async () => {
    const built = await buildApp();
    const plan = await planAtReview(built.store, built.user.id);
    const other = await addUser(built.deps, "case-manager", "morgan");
    await addUser(built.deps, "supervisor", "sam");
    const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    const morgan = withCookie(built.raw, await signIn(built.raw, "morgan"));
    expect((await get(morgan, `/plans/${plan.id}`)).status).toBe(404);
    const rev = String((await built.store.get(plan.id))!.rev);
    expect((await post(sam, `/plans/${plan.id}/notes`, { rev, text: "Check the rent arrears letter first." })).status).toBe(303);
    const res = await post(sam, `/plans/${plan.id}/reassign`, { rev: String(Number(rev) + 1), to: other.id, note: "Casey is on leave." });
    expect(res.status).toBe(303);
    const summary = text(await (await get(morgan, `/plans/${plan.id}/handover`)).text());
    expect(summary).toContain("Handed over to Morgan. Casey is on leave.");
    expect(summary).toContain("Check the rent arrears letter first.");
    expect(summary).toContain("Open, not started"); // each action with where it stands
    expect((await get(built.app, `/plans/${plan.id}`)).status).toBe(404);
    const caseload = text(await (await get(morgan, "/caseload")).text());
    expect(caseload).toContain("Amira Haddad");
  });
});
