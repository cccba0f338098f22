/**
 * The signed retainer never contradicts itself: a commitment drafted from its action follows the
 * action, and a hand-written one whose action changed is flagged at the review, cannot be signed,
 * and is re-drafted or kept by one click (a plain form that works with and without htmx).
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post, revOf, text, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { sendEvent, startReassessment } from "../../src/plans/conversation.ts";
import { whyCannotLeave } from "../../machines/rules.ts";
import { translator } from "../../src/i18n/translator.ts";
import { contentHash } from "../../src/signing/seal.ts";
import type { Signature } from "../../src/domain/signature.ts";

const DESCRIPTION = "Step 1: research options and make referrals if any are available";
const OLD_DRAFT = "Jo Smith (case manager) will step 1: research options and make referrals if any are available by 2027-01-15.";
const NEW_DRAFT = "Jo Smith (case manager) will step 1: research options and make referrals if any are available by 2027-06-30.";
const HAND = "Jo and Amira will look at three housing options together by mid January.";

const actionFields = (rev: string, date: string) => ({
  rev,
  goalId: "g1",
  kind: "referral",
  description: DESCRIPTION,
  responsibleRole: "case-manager",
  responsibleName: "Jo Smith",
  targetKind: "date",
  targetDate: date,
});

async function page(app: App, id: string) {
  const res = await get(app, `/plans/${id}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, words: text(html), rev: revOf(html) };
}

async function setUp() {
  const built = await buildApp();
  const plan = await planAtReview(built.store, built.user.id);
  return { app: built.app, id: plan.id, store: built.store };
}

describe("a commitment and its action", () => {
  it("changing the action's date after drafting moves the commitment's date too", async () => {
    const { app, id } = await setUp();
    let p = await page(app, id);
    expect(p.words).toContain(OLD_DRAFT);
    const res = await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"));
    expect(res.status).toBe(303);
    p = await page(app, id);
    expect(p.words).toContain(NEW_DRAFT);
    expect(p.words).not.toContain(OLD_DRAFT);
    expect(p.words).not.toContain("no longer matches");
  });

  for (const htmx of [false, true]) {
    it(`a hand-written commitment is flagged, refused for signing, and re-drafted by its button (${htmx ? "htmx" : "plain form"})`, async () => {
      const { app, id } = await setUp();
      let p = await page(app, id);
      expect((await post(app, `/plans/${id}/commitments/a6`, { rev: p.rev, text: HAND })).status).toBe(303);
      p = await page(app, id);
      expect((await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"))).status).toBe(303);

      p = await page(app, id);
      expect(p.words).toContain(HAND); // never overwritten
      const flagged = p.words.slice(p.words.indexOf('class="mismatches"')).replace(/<\/?bdi>/g, ""); // people's words are isolated in <bdi>
      expect(flagged).toContain("no longer matches its action");
      expect(flagged).toContain(`“${HAND}”`);
      expect(flagged).toContain(`“${DESCRIPTION}”`);
      expect(flagged).toContain(`“${NEW_DRAFT}”`);
      expect(p.words).toContain(`Not ready to sign:</strong> The commitment “${HAND}” no longer matches its action “${DESCRIPTION}”`);
      expect(p.html).not.toContain("We have read it: go on to signing");
      // The commitment's own bubble in the conversation says so as well.
      const bubble = p.words.slice(p.words.indexOf('id="bubble-c-a6"'));
      expect(bubble.slice(0, bubble.indexOf("</li>"))).toContain(`No longer matches its action, which has changed since: “${DESCRIPTION}”`);

      const refused = await post(app, `/plans/${id}/next`, { rev: p.rev }, { htmx });
      expect(refused.status).toBe(422);
      expect(text(await refused.text())).toContain(`The commitment “${HAND}” no longer matches its action “${DESCRIPTION}”`);

      const action = `/plans/${id}/commitments/a6/redraft`;
      expect(p.html).toContain(`action="${action}"`);
      expect(p.html).toContain(`hx-post="${action}"`);
      const fixed = await post(app, action, { rev: p.rev }, { htmx });
      expect(fixed.status).toBe(htmx ? 200 : 303);
      if (htmx) expect(text(await fixed.text())).toContain("Ready to sign.");

      p = await page(app, id);
      expect(p.words).toContain(NEW_DRAFT);
      expect(p.words).not.toContain(HAND);
      expect(p.words).not.toContain("no longer matches");
      expect((await post(app, `/plans/${id}/next`, { rev: p.rev })).status).toBe(303);
      expect((await page(app, id)).words).toContain("Before you sign: signing on this screen");
    });
  }

  it("the contract step says beside the sentence that it no longer matches its action", async () => {
    const { app, id } = await setUp();
    let p = await page(app, id);
    await post(app, `/plans/${id}/commitments/a6`, { rev: p.rev, text: HAND });
    p = await page(app, id);
    await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"));
    p = await page(app, id);
    expect((await post(app, `/plans/${id}/goto`, { rev: p.rev, step: "contract" })).status).toBe(303);
    p = await page(app, id);
    const field = p.words.slice(p.words.indexOf('id="contract-text-a6-hint"'));
    expect(field.slice(0, field.indexOf("</p>"))).toContain(`no longer matches its action, which has changed since. Re-drafted from the action, it would read: “${NEW_DRAFT}”`);
    expect(p.html).toMatch(/aria-describedby="contract-text-a6-hint"/);
  });

  it("keeping the wording is an explicit confirmation that then allows signing", async () => {
    const { app, id } = await setUp();
    let p = await page(app, id);
    await post(app, `/plans/${id}/commitments/a6`, { rev: p.rev, text: HAND });
    p = await page(app, id);
    await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"));
    p = await page(app, id);
    expect(p.html).toContain(`action="/plans/${id}/commitments/a6/keep"`);
    expect((await post(app, `/plans/${id}/commitments/a6/keep`, { rev: p.rev })).status).toBe(303);
    p = await page(app, id);
    expect(p.words).toContain(HAND);
    expect(p.words).not.toContain("no longer matches");
    expect((await post(app, `/plans/${id}/next`, { rev: p.rev })).status).toBe(303);
  });

  it("a re-draft of an action that does not exist is a 404, and a stale page a 409", async () => {
    const { app, id } = await setUp();
    const p = await page(app, id);
    expect((await post(app, `/plans/${id}/commitments/a99/redraft`, { rev: p.rev })).status).toBe(404);
    expect((await post(app, `/plans/${id}/commitments/a6/keep`, { rev: String(Number(p.rev) - 1) })).status).toBe(409);
  });

  /** The contract form's fields as the browser would send them: every textarea and hidden input. */
  function contractForm(html: string): Record<string, string> {
    const form = html.slice(html.indexOf('action="/plans/'), html.indexOf("</form>", html.indexOf("commitment-form")));
    const fields: Record<string, string> = {};
    for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = text(m[2]);
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = text(m[2]);
    return fields;
  }

  for (const edited of [false, true]) {
    it(`a contract form left open while its action changes ${edited ? "keeps the words typed into it, flagged" : "does not put the old sentence back"}`, async () => {
      const { app, id } = await setUp();
      let p = await page(app, id);
      expect((await post(app, `/plans/${id}/goto`, { rev: p.rev, step: "contract" })).status).toBe(303);
      p = await page(app, id);
      const stale = contractForm(p.html);
      expect(stale["text-a6"]).toBe(OLD_DRAFT);
      // Meanwhile the action is changed from its Edit link (the open form's rev follows, as app.js does).
      expect((await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"))).status).toBe(303);
      p = await page(app, id);
      if (edited) stale["text-a6"] = HAND;
      const saved = await post(app, `/plans/${id}/commitments`, { ...stale, rev: p.rev, then: "next" });
      expect(saved.status).toBe(303);
      p = await page(app, id);
      if (edited) {
        expect(p.words).toContain(`The commitment “${HAND}” no longer matches its action “${DESCRIPTION}”`);
      } else {
        expect(p.words).toContain(NEW_DRAFT);
        expect(p.words).not.toContain(OLD_DRAFT);
        expect(p.words).toContain("Ready to sign.");
      }
    });
  }

  it("an edit form for one commitment, left open while its action changes, does not put the old sentence back", async () => {
    const { app, id } = await setUp();
    let p = await page(app, id);
    const form = await (await get(app, `/plans/${id}/commitments/a6/edit`)).text();
    const seen = form.match(/<input type="hidden" name="seen" value="([^"]*)">/);
    expect(seen && text(seen[1])).toBe(OLD_DRAFT);
    expect((await post(app, `/plans/${id}/actions/a6`, actionFields(p.rev, "2027-06-30"))).status).toBe(303);
    p = await page(app, id);
    expect((await post(app, `/plans/${id}/commitments/a6`, { rev: p.rev, text: OLD_DRAFT, seen: OLD_DRAFT })).status).toBe(303);
    p = await page(app, id);
    expect(p.words).toContain(NEW_DRAFT);
    expect(p.words).not.toContain(OLD_DRAFT);
  });
});

describe("a reassessment's carried commitments", () => {
  it("follow the new version's annual review date when untouched, and are flagged when written by hand", async () => {
    const built = await buildApp();
    const { store } = built;
    let plan = await planAtReview(store, built.user.id);
    const send = async (event: Parameters<typeof sendEvent>[3], signer?: Parameters<typeof sendEvent>[4]) => (plan = await sendEvent(store, plan.id, plan.rev, event, signer));
    const annual = { goalId: "g1", kind: "referral", responsible: { role: "client" }, targetDate: { kind: "annual-review" } };
    await send({ type: "UPDATE", kind: "actions", id: "a6", input: { ...annual, description: "Keep a rent diary" } });
    await send({ type: "UPDATE", kind: "actions", id: "a7", input: { ...annual, description: "Save for the deposit" } });
    await send({ type: "SET_COMMITMENT", id: "a7", text: "I will save a little each week until the review in November." });
    expect(plan.data.actions[0].commitment).toBe("I, the client, will keep a rent diary by the annual review on 2027-11-24.");
    await send({ type: "NEXT" });
    await send({ type: "CONSENT", consent: { noticeVersion: "test", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] } });
    const hash = contentHash(plan.id, plan.version, plan.data);
    const sig = (party: Signature["party"]): Signature => ({ party, name: party, method: "typed", typedName: party, agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "test", contentHash: hash });
    await send({ type: "SIGN", signature: sig("client") });
    await send({ type: "SIGN", signature: sig("case-manager") }, built.deps.signer);
    expect(plan.step).toBe("signed");

    const next = await startReassessment(store, plan.id, plan.rev, "2027-06-01");
    expect(next.data.setup.annualReviewDate).toBe("2028-06-01");
    expect(next.data.actions.find((a) => a.id === "a6")?.commitment).toBe("I, the client, will keep a rent diary by the annual review on 2028-06-01.");
    expect(next.data.actions.find((a) => a.id === "a7")?.commitment).toBe("I will save a little each week until the review in November.");
    // The new version opens at its goals; its review will refuse to go on to signing until then.
    expect(translator("en", "UTC").t(whyCannotLeave("review", next.data, next.drafts)!)).toBe(
      "The commitment “I will save a little each week until the review in November.” no longer matches its action “Save for the deposit”, which has changed since. Re-draft the commitment from the action, or confirm that you both keep your wording.",
    );
  });
});
