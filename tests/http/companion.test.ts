/**
 * Issue 23: the client's phone follows one plan through a companion link and answers in their own
 * words. The link's token is long and random and only its hash is kept; it opens that plan's
 * companion page and nothing else; it ends when ended, at signing, after two hours and at sign-out.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { addUser, type Built, buildApp, createPlanViaForm, get, ORIGIN, post, revOf, signIn, text } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { contentHash } from "../../src/signing/seal.ts";
import { sendEvent } from "../../src/plans/conversation.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { COMPANION_BUDGET } from "../../src/routes/companion.ts";

/** A new plan opens at its goals: the first question is about the first priority issue. */
async function planAtGoals(built: Built) {
  return createPlanViaForm(built.app);
}

async function offer(built: Built, id: string) {
  const page = await (await get(built.app, `/plans/${id}`)).text();
  expect(text(page)).toContain("Follow on the client's phone");
  const made = await post(built.app, `/plans/${id}/companion`, { rev: revOf(page) });
  expect(made.status).toBe(201);
  const html = await made.text();
  const url = text(html).match(/id="new-companion-link">([^<]+)</)![1];
  return { html, url, token: url.split("/c/")[1], path: new URL(url).pathname };
}

const phone = (built: Built, path: string) => built.raw.request(`${ORIGIN}${path}`);
const answer = (built: Built, path: string, fields: Record<string, string>) => post(built.raw, `${path}/answer`, fields);

describe("the companion link", () => {
  it("is offered by the plan's case manager as text, a QR code and an End control; only its hash is kept", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { html, url, token } = await offer(built, id);
    expect(url).toMatch(/^https?:\/\/[^/]+\/c\/[A-Za-z0-9_-]{48}$/);
    // The plan id names the plan; the 32 characters after it are 192 random bits.
    expect(token.slice(0, 16)).toBe(id);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR code for [^"]*phone link"/);
    expect(html).toMatch(/data-copy-from="#new-companion-link"/);
    expect(html).toMatch(/<button type="submit">End the phone link<\/button>/);
    // Until when, on the agency's clock (the test clock is 10:00 UTC; Europe/London is UTC in November).
    expect(text(html)).toContain("The client's phone can follow this plan until 12:00.");
    const stored = (await built.store.get(id))!;
    expect(stored.companionLinks).toHaveLength(1);
    expect(stored.companionLinks[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token.slice(16));
    // Nowhere on disk either (journal, plan files).
    const files = readdirSync(built.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), "latin1"), f.name).not.toContain(token.slice(16));
    // Two links: two different tokens.
    expect((await offer(built, id)).token).not.toBe(token);
  });

  it("is offered only by the plan's own case manager", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    await addUser(built.deps, "supervisor", "sam");
    const sam = await signIn(built.raw, "sam");
    const page = await (await get(built.raw, `/plans/${id}`, { cookie: sam })).text();
    expect(text(page)).not.toContain("Follow on the client's phone");
    expect((await post(built.raw, `/plans/${id}/companion`, { rev: revOf(page) }, { cookie: sam })).status).toBe(403);
    expect((await built.store.get(id))!.companionLinks).toHaveLength(0);
  });

  it("is not offered for a practice plan: made-up clients have no phone", async () => {
    const built = await buildApp();
    const { createPlan } = await import("../../src/plans/conversation.ts");
    const { SETUP } = await import("../fixtures.ts");
    const plan = await createPlan(built.store, SETUP, built.user.id, { scenarioId: "practice" });
    const res = await post(built.app, `/plans/${plan.id}/companion`, { rev: String(plan.rev) });
    expect(res.status).toBe(422);
    expect((await built.store.get(plan.id))!.companionLinks).toHaveLength(0);
  });

  it("opens, without an account, a phone page with the question, the plan so far and a Send button", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    const res = await phone(built, path);
    expect(res.status).toBe(200);
    const html = text(await res.text());
    expect(html).toContain("About “Housing at risk”: what would you like to be different?");
    expect(html).toContain("Your plan so far");
    expect(html).toMatch(/<textarea id="companion-words" name="words"/);
    expect(html).toMatch(/<button type="submit">Send my answer<\/button>/);
    expect(html).toContain(`<a href="${path}">Refresh`);
    expect(html).not.toContain("Sign out"); // no staff header
  });

  it("saves the client's words verbatim, marked as from the phone, and the shared screen says so", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    const page = await (await phone(built, path)).text();
    const words = "  Keep my flat — إبقاء شقتي  ";
    const sent = await answer(built, path, { rev: revOf(page), words });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe(`${path}?sent=1`);
    const goal = (await built.store.get(id))!;
    const view = (await import("../../src/plans/conversation.ts")).viewOf(goal);
    expect(view.data.goals).toEqual([expect.objectContaining({ issue: "Housing at risk", clientWords: words, fromPhone: true })]);
    const staff = text(await (await get(built.app, `/plans/${id}`)).text());
    expect(staff).toContain("From the client's phone");
    // The phone now shows it in the plan so far, and asks about the next issue.
    const after = text(await (await phone(built, path)).text());
    expect(after).toContain(words);
    expect(after).toContain("About “Depression”");
    const audit = readFileSync(join(built.dataDir, "audit.log"), "utf8");
    expect(audit).toContain('"action":"companion-opened"');
    expect(audit).toContain('"action":"companion-answer"');
  });

  it("lets the case manager complete, edit and remove the phone's answer on the shared screen", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    await answer(built, path, { rev: revOf(await (await phone(built, path)).text()), words: "Keep my flat" });
    const { viewOf } = await import("../../src/plans/conversation.ts");
    const goalNow = async () => viewOf((await built.store.get(id))!).data.goals.find((g) => g.id === "g1");
    const rev = String((await built.store.get(id))!.rev);
    const edited = await post(built.app, `/plans/${id}/goals/g1`, { rev, issue: "Housing at risk", clientWords: "Keep my flat", restatement: "Agree a rent plan with the landlord by 31 January" });
    expect(edited.status).toBe(303);
    expect(await goalNow()).toMatchObject({ clientWords: "Keep my flat", restatement: "Agree a rent plan with the landlord by 31 January", fromPhone: true });
    expect((await post(built.app, `/plans/${id}/goals/g1/delete`, { rev: String((await built.store.get(id))!.rev) })).status).toBe(303);
    expect(await goalNow()).toBeUndefined();
  });

  it("refuses empty or overlong words with 422, and a stale answer with 409, keeping the words", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    const rev = revOf(await (await phone(built, path)).text());
    const empty = await answer(built, path, { rev, words: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Please write your answer in the box.");
    const long = "w".repeat(2001);
    const tooLong = await answer(built, path, { rev, words: long });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain(long);
    // The case manager answers on the shared screen meanwhile: the phone's version is stale.
    const staffPage = await (await get(built.app, `/plans/${id}`)).text();
    expect((await post(built.app, `/plans/${id}/goals`, { rev: revOf(staffPage), issue: "Housing at risk", clientWords: "Said aloud" })).status).toBe(303);
    const stale = await answer(built, path, { rev, words: "Typed on my phone" });
    expect(stale.status).toBe(409);
    const html = text(await stale.text());
    expect(html).toContain("Typed on my phone");
    expect(html).toContain("The plan changed on the shared screen");
    expect(revOf(html)).not.toBe(rev); // sending again answers the current version
    expect((await answer(built, path, { rev: revOf(html), words: "Typed on my phone" })).status).toBe(303);
  });

  it("opens nothing but that plan's companion page", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const other = await planAtGoals(built);
    const { path, token } = await offer(built, id);
    for (const p of [`/plans/${id}`, "/caseload", `/plans/${id}/export.json`, `/plans/${id}/pdf`, `/plans/${id}/events`, `/plans/${other}`, "/"]) {
      const res = await phone(built, p);
      expect(res.status, p).not.toBe(200);
    }
    for (const p of [`${path}/pdf`, `${path}/export`]) expect((await phone(built, p)).status, p).not.toBe(200);
    // Another plan's id with this token's random part, or a token cut short: no such link.
    for (const p of [`/c/${other}${token.slice(16)}`, `/c/${token.slice(0, 47)}`]) expect((await phone(built, p)).status, p).toBe(404);
    // The token is no cookie and no session: pages carry no Set-Cookie.
    expect((await phone(built, path)).headers.get("Set-Cookie")).toBeNull();
  });

  it("ends with a plain 410 when the case manager ends it", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    expect((await post(built.app, `/plans/${id}/companion/end`, {})).status).toBe(303);
    const res = await phone(built, path);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This link has ended");
    expect((await answer(built, path, { rev: "1", words: "late" })).status).toBe(410);
    expect((await phone(built, `${path}/events`)).status).toBe(410);
  });

  it("ends after two hours", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    built.clock.t = new Date(built.clock.t.getTime() + 2 * 3_600_000 - 1000);
    expect((await phone(built, path)).status).toBe(200);
    built.clock.t = new Date(built.clock.t.getTime() + 1000);
    expect((await phone(built, path)).status).toBe(410);
  });

  it("ends when the case manager signs out", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    expect((await post(built.app, "/signout", {})).status).toBe(303);
    expect((await phone(built, path)).status).toBe(410);
  });

  it("ends when the plan is signed, and says to sign on the shared screen before that", async () => {
    const built = await buildApp();
    let plan = await planAtReview(built.store, built.user.id);
    plan = await sendEvent(built.store, plan.id, plan.rev, { type: "NEXT" });
    const { path } = await offer(built, plan.id);
    expect(text(await (await phone(built, path)).text())).toContain("Please sign on the shared screen");
    plan = (await import("../../src/plans/conversation.ts")).viewOf((await built.store.get(plan.id))!);
    plan = await sendEvent(built.store, plan.id, plan.rev, { type: "CONSENT", consent: { noticeVersion: "test", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] } });
    const hash = contentHash(plan.id, plan.version, plan.data);
    const sig = (party: Signature["party"], name: string): Signature => ({ party, name, method: "typed", typedName: name, agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "test", contentHash: hash });
    plan = await sendEvent(built.store, plan.id, plan.rev, { type: "SIGN", signature: sig("client", "Amira Haddad") });
    plan = await sendEvent(built.store, plan.id, plan.rev, { type: "SIGN", signature: sig("case-manager", "Casey") }, built.deps.signer);
    expect(plan.step).toBe("signed");
    expect((await phone(built, path)).status).toBe(410);
  });

  it("is rate-limited", async () => {
    const built = await buildApp();
    const id = await planAtGoals(built);
    const { path } = await offer(built, id);
    const statuses: number[] = [];
    for (let i = 0; i <= COMPANION_BUDGET.perAddress; i++) statuses.push((await phone(built, path)).status);
    expect(statuses.slice(0, COMPANION_BUDGET.perAddress).every((s) => s === 200)).toBe(true);
    const last = await phone(built, path);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("Retry-After"))).toBeGreaterThan(0);
    // A minute later it works again.
    built.clock.t = new Date(built.clock.t.getTime() + 60_000);
    expect((await phone(built, path)).status).toBe(200);
  });
});
