/**
 * Issue 19, items 1-4 and 13 in a real browser, the way the people concerned meet them: a case
 * manager records progress on one form without JavaScript (a refusal keeps every row's words), a
 * supervisor comments and sorts the view of every plan by what needs attention, the handover
 * summary says what is done, not done and open, a reassessment keeps the signed version in force
 * beside the draft, and "What changed" names each item for what happened to it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { UserStore } from "../../src/auth/users.ts";
import { axeViolations, formatViolations } from "./support/axe.ts";
import { type BrowserSession, describeInBrowser, keepEvidenceOnFailure, openBrowser } from "./support/browser.ts";
import { SeededPlan, sessionCookie } from "./support/seed.ts";
import { CASE_MANAGER, CoplanServer } from "./support/server.ts";

const SUPERVISOR = { username: "sam", displayName: "Sam Supervisor", password: "supervising all day long" };

/** The review step to both signatures, over plain form posts (the signing suite walks these in the browser). */
async function signOverHttp(server: CoplanServer, cookie: string, path: string) {
  const send = async (to: string, fields: Record<string, string>) => {
    const page = await (await fetch(server.url(path), { headers: { Cookie: cookie } })).text();
    const rev = page.match(/name="rev" value="(\d+)"/)![1];
    const res = await fetch(server.url(`${path}${to}`), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin, Cookie: cookie },
      body: new URLSearchParams({ rev, ...fields }),
    });
    if (res.status !== 303) throw new Error(`${to}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  };
  await send("/commitments", { then: "next" });
  await send("/consent", { agreeClient: "yes", agreeCaseManager: "yes" });
  await send("/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" });
  await send("/sign", { party: "case-manager", typedName: CASE_MANAGER.displayName, agree: "yes" });
}

describeInBrowser("after signing", () => {
  const server = new CoplanServer();
  let browser: BrowserSession;
  let noScript: BrowserSession;
  const problems: string[] = [];
  const axe = async (session: BrowserSession, where: string) => {
    const v = await axeViolations(session.page);
    if (v.length) problems.push(formatViolations(where, v));
  };
  const signIn = async (session: BrowserSession, who: { username: string; password: string }) => {
    const { page } = session;
    await session.context.clearCookies();
    await page.goto(server.url("/signin"));
    await page.fill("#signin-username", who.username);
    await page.fill("#signin-password", who.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/signin")), page.click('main form[action="/signin"] button[type=submit]')]);
  };

  beforeAll(async () => {
    await server.addCaseManager();
    await new UserStore(server.dataDir, () => new Date()).add({ ...SUPERVISOR, role: "supervisor" });
    await server.start();
    browser = await openBrowser();
    noScript = await openBrowser({ javaScriptEnabled: false });
  }, 90_000);
  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await server.dispose();
  });
  keepEvidenceOnFailure();

  it("records progress on one form, comments, sorts by attention, hands over, and reassesses with the signed version in force", { timeout: 180_000 }, async () => {
    // The case manager, without JavaScript: one form, one Save.
    await signIn(noScript, CASE_MANAGER);
    const plan = await SeededPlan.create(server, await sessionCookie(noScript.context));
    await plan.answerUpToActions();
    await plan.finishToReview();
    await signOverHttp(server, await sessionCookie(noScript.context), plan.path);
    const np = noScript.page;
    await np.goto(server.url(plan.path));
    await np.getByRole("link", { name: /Record progress/ }).click();
    await np.getByRole("heading", { name: /^Progress:/ }).waitFor();
    expect(await np.getByRole("button", { name: /Save/ }).count()).toBe(1);
    const row = (text: string) => np.locator(".progress-list > li", { hasText: text });
    await row("Refer to the rent assistance").getByLabel("Action status").selectOption("done");
    await row("Book a GP appointment").getByLabel("Action status").selectOption("not-done"); // no reason yet
    await row("Keep up the weekly job search").getByLabel(/Reason/).fill("Started at the library on Mondays");
    await row("Keep up the weekly job search").getByLabel("Action status").selectOption("in-progress");
    await np.getByLabel(/^Note/).fill("Amira brought the rent letters");
    await np.getByRole("button", { name: "Save the changes" }).click();
    // Refused: the message beside the row, and every typed word still there.
    await row("Book a GP appointment").getByText("Say why the action was not done").waitFor();
    expect(await row("Keep up the weekly job search").getByLabel(/Reason/).inputValue()).toBe("Started at the library on Mondays");
    expect(await np.getByLabel(/^Note/).inputValue()).toBe("Amira brought the rent letters");
    expect(await row("Refer to the rent assistance").getByLabel("Action status").inputValue()).toBe("done");
    await row("Book a GP appointment").getByLabel(/Reason/).fill("The GP surgery closed its list");
    await np.getByRole("button", { name: "Save the changes" }).click();
    await np.getByText("Saved.").waitFor();
    expect(await row("Refer to the rent assistance").innerText()).toContain("Status: Done");
    expect(await row("Book a GP appointment").innerText()).toContain("Not done: The GP surgery closed its list");
    expect(await row("Keep up the weekly job search").innerText()).toContain("Status: In progress");
    await np.getByText("Amira brought the rent letters").waitFor();

    // The supervisor: the view of every plan, sorted by plain links, and a comment.
    await signIn(browser, SUPERVISOR);
    const { page } = browser;
    await page.goto(server.url("/supervisor"));
    const planRow = page.locator(`tr[data-plan="${plan.id}"]`);
    await planRow.getByText("Signed").first().waitFor();
    expect(await planRow.innerText()).toContain("Amira brought the rent letters");
    await axe(browser, "supervisor");
    await page.getByRole("link", { name: "Client", exact: true }).click();
    await page.waitForURL(/sort=client/);
    expect(await page.getByRole("link", { name: "Client", exact: true }).getAttribute("aria-current")).toBe("true");
    await planRow.getByRole("link", { name: "Amira Haddad" }).click();
    await page.getByRole("heading", { name: /^Handover summary/ }).waitFor();
    const handover = await page.locator("main").innerText();
    expect(handover).toMatch(/Refer to the rent assistance[^\n]*Done/);
    expect(handover).toMatch(/Book a GP appointment[^\n]*Not done: The GP surgery closed its list/);
    expect(handover).toMatch(/Keep up the weekly job search[^\n]*Open, in progress/);
    expect(handover).toContain("Amira brought the rent letters");
    expect(handover).not.toContain("No notes yet");
    await page.getByLabel("Comment").fill("Ask Amira about the GP list again in January");
    await page.getByRole("button", { name: "Add the comment" }).click();
    await page.locator("main").getByText("Ask Amira about the GP list again in January").first().waitFor();
    await axe(browser, "handover");

    // The case manager sees the comment where they work, then starts a reassessment.
    await signIn(browser, CASE_MANAGER);
    await page.goto(server.url(plan.path));
    await page.getByText("Ask Amira about the GP list again in January").waitFor();
    await page.getByRole("button", { name: /Start a reassessment/ }).click();
    await page.getByRole("heading", { name: "Signed version 1, in force" }).waitFor();
    await page.getByRole("heading", { name: "Draft of version 2" }).waitFor();
    await axe(browser, "plan page: in force beside the draft");
    const section = page.locator("section.plan-in-force");
    for (const name of [/Read the signed retainer/, /Print all three copies/, /^Handover summary and notes$/, /Export version 1 as JSON/]) await section.getByRole("link", { name }).waitFor();
    // The client's review link can still be made, for the version in force.
    await section.getByRole("button", { name: /Create a review link/ }).click();
    await page.getByText("New link, shown only now.").waitFor();
    await page.getByRole("heading", { name: "Signed version 1, in force" }).waitFor();
    await page.goto(server.url(plan.path));
    await section.getByRole("link", { name: /Record progress on version 1/ }).click();
    await page.getByText("Signed version 1, in force.").waitFor();
    await page.getByRole("heading", { name: /^Progress:/ }).waitFor();
    await axe(browser, "progress during a reassessment"); // axe needs scripts: the no-JS walk above is not checked by it
    await page.goBack();
    await section.getByRole("link", { name: /What changed since version 1/ }).click();
    await page.getByRole("heading", { name: /What changed since version 1/ }).waitFor();
    const rows = await page.locator("table.diff-table tbody tr").evaluateAll((trs) => trs.map((tr) => tr.textContent!.replace(/\s+/g, " ").trim()));
    expect(rows.find((r) => r.includes("Refer to the rent assistance"))).toMatch(/^Done/);
    expect(rows.find((r) => r.includes("Book a GP appointment"))).toMatch(/^Not done.*The GP surgery closed its list/);
    expect(rows.find((r) => r.includes("Keep up the weekly job search"))).toMatch(/^Carried forward/);
    await axe(browser, "what changed");

    expect(problems.join("\n\n")).toBe("");
    expect(browser.problems).toEqual([]);
    expect(noScript.problems).toEqual([]);
  });
});
