import { describe, expect, it } from "vitest";
import { buildApp, createPlanViaForm, get, post, revOf, text, type App } from "../helpers/app.ts";

/** Talks to one plan like a page would: remembers the version it last saw. */
class Page {
  rev = "1";
  constructor(
    readonly app: App,
    readonly id: string,
    readonly htmx: boolean,
  ) {}

  async load() {
    const res = await get(this.app, `/plans/${this.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    this.rev = revOf(html);
    return html;
  }

  async send(path: string, fields: Record<string, string>, expectStatus = this.htmx ? 200 : 303) {
    const res = await post(this.app, `/plans/${this.id}${path}`, { rev: this.rev, ...fields }, { htmx: this.htmx });
    const html = await res.text();
    expect(res.status, html.slice(0, 400)).toBe(expectStatus);
    if (this.htmx) {
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
      expect(res.headers.get("Vary")).toContain("HX-Request"); // a cache must not serve a fragment for the page
      expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
      const m = html.match(/data-rev="(\d+)"/);
      if (m) this.rev = m[1];
      return html;
    }
    if (res.status === 303) return this.load();
    return html;
  }
}

const GOALS: Record<string, string>[] = [
  { issue: "Housing at risk", clientWords: "أريد أن أبقى في شقتي, I want to keep my flat 🏠" },
  { issue: "Depression", clientWords: "Be able to concentrate and enjoy things again", restatement: "Attend a first GP appointment about low mood by 15 January" },
  { issue: "Income", clientWords: "我想找一份兼职工作 (find part-time work)" },
];

async function coCreate(app: App, htmx: boolean) {
  const id = await createPlanViaForm(app);
  const page = new Page(app, id, htmx);
  let html = await page.load();
  expect(html).toContain("Step 2 of 7: Goals");
  // The words a person reads (the client's words come isolated in <bdi>, which shows nothing).
  expect(text(html).replace(/<\/?bdi>/g, "")).toContain("About “Housing at risk”: what would Amira like to be different?");

  for (const g of GOALS) {
    html = await page.send("/goals", g);
    expect(text(html)).toContain(g.clientWords); // in any script, emoji included, as typed
  }
  html = await page.send("/declined", { issue: "Family contact", reason: "Not ready to talk about my family" });
  if (htmx) {
    // Only what changed comes back: the new bubble out of band, the panel, the progress indicator.
    expect(html).toContain('hx-swap-oob="afterend:#bubble-g3"');
    expect(html).toContain('id="plan-panel" hx-swap-oob="true"');
    expect(html).not.toContain('id="bubble-g1"');
  }
  html = await page.send("/goals", { clientWords: "", then: "next" });
  expect(html).toContain("Step 3 of 7: Barriers");

  html = await page.send("/barriers", { goalId: "g1", clientWords: "I can't pay the rent since my hours were cut", category: "financial-insecurity" });
  html = await page.send("/barriers", { goalId: "g2", clientWords: "No doctor and nobody to talk to", category: "lack-of-health-supports" });
  html = await page.send("/barriers", { goalId: "g3", clientWords: "No bus after 6pm", category: "transportation", then: "next" });
  expect(html).toContain("Step 4 of 7: Strengths");

  html = await page.send("/strengths", { clientWords: "I am organised with paperwork", role: "alone" });
  html = await page.send("/strengths", { clientWords: "My sister drives me when she can", role: "with-support", then: "next" });
  expect(html).toContain("Step 5 of 7: Action plan");

  const action = (goalId: string, description: string, role: string, target: Record<string, string>) =>
    page.send("/actions", { goalId, kind: "referral", description, responsibleRole: role, responsibleName: "", ...target });
  await action("g1", "Refer to the rent assistance programme", "case-manager", { targetKind: "date", targetDate: "2026-12-15" });
  await action("g1", "Gather last three payslips", "client", { targetKind: "date", targetDate: "2026-12-05" });
  await action("g2", "Research low-cost counselling and make referrals if available", "case-manager", { targetKind: "date", targetDate: "2027-01-15" });
  await action("g3", "Sign up with the employment service", "provider", { targetKind: "annual-review" });
  html = await action("g3", "Keep using the job search routine", "client", { targetKind: "ongoing" });
  html = await page.send("/actions", { description: "", then: "next" });
  expect(html).toContain("Step 6 of 7: Contract wording");
  expect(text(html)).toContain("I, the case manager, will refer to the rent assistance programme by 2026-12-15.");

  // Edit the first goal from the plan panel, then carry on where we were.
  const edit = await get(app, `/plans/${id}/goals/g1/edit`, { htmx });
  expect(edit.status).toBe(200);
  expect(text(await edit.text())).toContain(GOALS[0].clientWords);
  html = await page.send("/goals/g1", { ...GOALS[0], clientWords: "Keep my flat and stay near my children's school" });
  expect(text(html)).toContain("Keep my flat and stay near my children's school");

  return page;
}

describe.each([
  ["without JavaScript (POST, then 303)", false],
  ["with htmx (fragments)", true],
])("the whole conversation %s", (_name, htmx) => {
  it("co-creates a plan, survives a restart and reaches the review step", async () => {
    const first = await buildApp();
    const page = await coCreate(first.app, htmx);

    // A new app over the same folder (a server restart) resumes at exactly the same question.
    const second = await buildApp(first.dataDir);
    const resumed = new Page(second.app, page.id, htmx);
    const html0 = await resumed.load();
    expect(html0).toContain("Step 6 of 7: Contract wording");
    expect(text(html0)).toContain("Keep my flat and stay near my children's school");

    const ids = [...html0.matchAll(/name="text-(a\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(5);
    const wording = Object.fromEntries(ids.map((a, i) => [`text-${a}`, `I will do part ${i + 1} and tell you when it is done.`]));
    const html = await resumed.send("/commitments", { ...wording, then: "next" });
    expect(html).toContain("Step 7 of 7: Review");
    expect(html).toContain("Ready to sign.");
    expect(text(html)).toContain("我想找一份兼职工作"); // the review keeps every script as typed
    const review = text(await resumed.load());
    expect(review).toContain("我想找一份兼职工作 (find part-time work)");
    expect(review).toContain("Not ready to talk about my family");
    expect(review).toContain("I will do part 5 and tell you when it is done.");
  });
});

describe("answers that cannot be taken", () => {
  it("keeps the typed answer when the date is invalid (422, message beside the field)", async () => {
    const { app } = await buildApp();
    const page = new Page(app, await createPlanViaForm(app), true);
    await page.load();
    await page.send("/goals", GOALS[0]);
    await page.send("/goals", { clientWords: "", then: "next" });
    await page.send("/barriers", { goalId: "g1", clientWords: "Rent", category: "financial-insecurity", then: "next" });
    await page.send("/strengths", { clientWords: "", then: "next" });
    const html = await page.send(
      "/actions",
      { goalId: "g1", kind: "referral", description: "Apply for the hardship fund — ليس سهلاً", responsibleRole: "client", targetKind: "date", targetDate: "2026-02-30" },
      422,
    );
    expect(html).toContain("That date does not exist on the calendar.");
    expect(html).toContain("Apply for the hardship fund — ليس سهلاً");
    expect(html).toMatch(/id="add-actions-targetDate"[^>]*aria-invalid="true"[^>]*aria-describedby="add-actions-targetDate-error"/);
  });

  it("refuses to leave goals with no goal and says why", async () => {
    for (const htmx of [false, true]) {
      const { app } = await buildApp();
      const page = new Page(app, await createPlanViaForm(app), htmx);
      await page.load();
      const html = await page.send("/goals", { clientWords: "", then: "next" }, 422);
      expect(html).toContain("Add at least one goal in the client&#39;s own words");
      expect(html).toContain("Step 2 of 7: Goals");
    }
  });

  it("refuses an action with no responsible person, keeping the words", async () => {
    const { app } = await buildApp();
    const page = new Page(app, await createPlanViaForm(app), false);
    await page.load();
    await page.send("/goals", { ...GOALS[0], then: "next" });
    await page.send("/barriers", { clientWords: "", then: "next" });
    await page.send("/strengths", { clientWords: "", then: "next" });
    const html = await page.send("/actions", { goalId: "g1", kind: "service", description: "Budget session", responsibleRole: "", targetKind: "date", targetDate: "2026-12-01" }, 422);
    expect(html).toContain("Please choose who is responsible.");
    expect(html).toContain("Budget session");
  });

  it("gives 409 to a stale tab and overwrites nothing", async () => {
    const { app } = await buildApp();
    const id = await createPlanViaForm(app);
    const tabA = new Page(app, id, true);
    const tabB = new Page(app, id, true);
    await tabA.load();
    await tabB.load();
    await tabA.send("/goals", GOALS[0]);
    const html = await tabB.send("/goals", GOALS[1], 409);
    expect(html).toContain("Someone else changed this plan");
    expect(html).toContain(GOALS[1].clientWords); // tab B's words are still in its form
    const page = text(await tabA.load());
    expect(page).toContain(GOALS[0].clientWords);
    expect(page).not.toContain(GOALS[1].clientWords);
    // With the version the 409 response carried, tab B saves on the second try.
    await tabB.send("/goals", GOALS[1]);
    expect(text(await tabA.load())).toContain(GOALS[1].clientWords);
  });

  it("answers a missing plan, a mangled id and a missing version with 4xx, never 500", async () => {
    const { app } = await buildApp();
    expect((await get(app, "/plans/AAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await get(app, "/plans/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    const id = await createPlanViaForm(app);
    expect((await post(app, `/plans/${id}/goals`, GOALS[0])).status).toBe(400);
    expect((await post(app, `/plans/${id}/nonsense`, { rev: "1" })).status).toBe(404);
    expect((await post(app, `/plans/${id}/goals/g9`, { rev: "1", ...GOALS[0] })).status).toBe(404);
  });

  it("refuses a cross-site form post", async () => {
    const { app } = await buildApp();
    const res = await app.request("http://localhost/plans", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ clientName: "x" }),
    });
    expect(res.status).toBe(403);
  });

  it("keeps everything typed on the new-plan form when it is incomplete", async () => {
    const { app } = await buildApp();
    const res = await post(app, "/plans", { clientName: "محمد", serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2026-01-01", priorityIssues: "Debt" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="محمد"');
    expect(html).toContain("The annual review comes after the plan date.");
  });
});
