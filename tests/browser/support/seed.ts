/**
 * A plan filled in over plain HTTP (the no-JavaScript form posts), with the browser's own session
 * cookie, for suites that look at the pages rather than at how they are filled in.
 */
import type { BrowserContext } from "playwright-core";
import type { CoplanServer } from "./server.ts";

export const LONG_WORD = "https://example.org/services/rent-assistance/apply-online-before-the-fifteenth";

/** The session the browser signed in with, to send as a Cookie header. */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("coplan_session"));
  if (!cookie) throw new Error("the browser is not signed in");
  return `${cookie.name}=${cookie.value}`;
}

export class SeededPlan {
  private constructor(
    private readonly server: CoplanServer,
    private readonly cookie: string,
    readonly id: string,
  ) {}

  get path(): string {
    return `/plans/${this.id}`;
  }

  /** A new plan, at its first question; `setup` overrides its set-up answers (the client's language, say). */
  static async create(server: CoplanServer, cookie: string, setup: Record<string, string> = {}): Promise<SeededPlan> {
    const res = await post(server, cookie, "/plans", {
      clientName: "Amira Haddad",
      preferredName: "Amira",
      pronouns: "she/her",
      serviceLength: "long-term",
      assessmentType: "reassessment",
      planDate: "2026-11-24",
      annualReviewDate: "2027-11-24",
      priorityIssues: "Housing at risk\nDepression\nIncome",
      ...setup,
    });
    const id = (res.headers.get("Location") ?? "").split("/").pop()!;
    if (res.status !== 303 || !id) throw new Error(`plan not created: ${res.status}`);
    return new SeededPlan(server, cookie, id);
  }

  /** Goals (one with a long unbroken address), barriers, a strength and three actions. */
  async answerUpToActions(): Promise<void> {
    await this.answer("/goals", { issue: "Housing at risk", clientWords: `أريد أن أبقى في شقتي, I want to keep my flat 🏠 ${LONG_WORD}` });
    await this.answer("/goals", { issue: "Depression", clientWords: "Be able to concentrate and enjoy things again", restatement: "See the GP about low mood by 15 January" });
    await this.answer("/goals", { issue: "Income", clientWords: "我想找一份兼职工作，离家近一点 (find part-time work close to home)", then: "next" });
    await this.answer("/barriers", { goalId: "g1", clientWords: "I can't pay the rent since my hours were cut", category: "financial-insecurity" });
    await this.answer("/barriers", { goalId: "g3", clientWords: "No bus after 6pm", category: "transportation", then: "next" });
    await this.answer("/strengths", { clientWords: "I am organised with paperwork", role: "alone", then: "next" });
    const action = (goalId: string, description: string, responsibleRole: string, target: Record<string, string>) =>
      this.answer("/actions", { goalId, kind: "referral", description, responsibleRole, responsibleName: "Jo Smith-Okonkwo", ...target });
    await action("g1", `Refer to the rent assistance programme (${LONG_WORD})`, "case-manager", { targetKind: "date", targetDate: "2026-12-15" });
    await action("g2", "Book a GP appointment about low mood", "client", { targetKind: "annual-review" });
    await action("g3", "Keep up the weekly job search routine", "other-support", { targetKind: "ongoing" });
  }

  /** On to the contract wording, as written, and the review. */
  async finishToReview(): Promise<void> {
    await this.answer("/actions", { description: "", then: "next" });
    await this.answer("/commitments", { then: "next" });
  }

  private async answer(path: string, fields: Record<string, string>): Promise<void> {
    const page = await fetch(this.server.url(this.path), { headers: { Cookie: this.cookie } });
    const rev = (await page.text()).match(/name="rev" value="(\d+)"/)?.[1];
    if (!rev) throw new Error(`no plan version on ${this.path} (${page.status})`);
    const res = await post(this.server, this.cookie, `${this.path}${path}`, { rev, ...fields });
    if (res.status !== 303) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}

async function post(server: CoplanServer, cookie: string, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(server.url(path), {
    method: "POST",
    redirect: "manual",
    // Coplan refuses cross-site posts; a browser sends its own origin.
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}
