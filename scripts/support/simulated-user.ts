/**
 * A case manager going through one whole conversation the way the page does with htmx: a new
 * plan, goals, a declined area, barriers, strengths, actions, the contract wording, the review,
 * consent and both signatures. Every answer carries the version the previous response gave.
 *
 * It speaks through `request(path, init)`: `fetch` against a running Coplan, or an in-process
 * `app.request`, so the load script and the tests drive the same conversation.
 */
import { setupToForm } from "../../src/plans/forms.ts";

export type Request = (path: string, init?: RequestInit) => Promise<Response>;

export interface Outcome {
  requests: number;
  /** Every status seen, with how often. */
  statuses: Record<number, number>;
  /** Each request's time, ms. */
  latencies: number[];
}

export class ConversationError extends Error {}
/** Thrown between two requests once the time given (`stopAt`) has passed: the user just stops. */
export class Stopped extends Error {}

const SETUP = setupToForm({
  clientName: "Amira Haddad",
  preferredName: "Amira",
  pronouns: "she/her",
  serviceLength: "short-term",
  assessmentType: "initial",
  planDate: "2026-11-24",
  annualReviewDate: "2027-11-24",
  priorityIssues: ["Housing at risk", "Depression", "Income"],
});
const DRAWING = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/**
 * One conversation, start to signed; throws ConversationError on any unexpected answer, Stopped if
 * `stopAt` (a performance.now() time) passes before it is done. Returns the plan id.
 */
export async function completeConversation(request: Request, origin: string, cookie: string, outcome: Outcome, label = "", stopAt = Infinity): Promise<string> {
  let rev = "";
  const send = async (path: string, init: RequestInit, expect: number) => {
    if (performance.now() > stopAt) throw new Stopped();
    const t = performance.now();
    const res = await request(path, init);
    const body = await res.text();
    outcome.latencies.push(performance.now() - t);
    outcome.requests++;
    outcome.statuses[res.status] = (outcome.statuses[res.status] ?? 0) + 1;
    if (res.status !== expect) throw new ConversationError(`${init.method ?? "GET"} ${path} answered ${res.status}, not ${expect}: ${body.replace(/\s+/g, " ").slice(0, 300)}`);
    const m = body.match(/data-rev="(\d+)"/) ?? body.match(/name="rev" value="(\d+)"/);
    if (m) rev = m[1];
    return { res, body };
  };
  const form = (fields: Record<string, string>, htmx = true): RequestInit => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: cookie, ...(htmx ? { "HX-Request": "true" } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });

  const created = await send("/plans", form({ ...SETUP, clientName: `${SETUP.clientName} ${label}`.trim() }, false), 303);
  const id = (created.res.headers.get("Location") ?? "").split("/").pop()!;
  const plan = `/plans/${id}`;
  await send(plan, { headers: { Cookie: cookie } }, 200);
  const answer = (path: string, fields: Record<string, string>) => send(`${plan}${path}`, form({ rev, ...fields }), 200);

  await answer("/goals", { issue: "Housing at risk", clientWords: "أريد أن أبقى في شقتي — I want to keep my flat" });
  await answer("/goals", { issue: "Income", clientWords: "我想找一份兼职工作 (find part-time work)", restatement: "Apply for two part-time jobs by 31 January" });
  await answer("/declined", { issue: "Depression", reason: "Not now" });
  await answer("/goals", { clientWords: "", then: "next" });
  await answer("/barriers", { goalId: "g1", clientWords: "I can't pay the rent since my hours were cut", category: "financial-insecurity" });
  await answer("/barriers", { goalId: "g2", clientWords: "No bus after 6pm", category: "transportation", then: "next" });
  await answer("/strengths", { clientWords: "I never miss an appointment", role: "alone", then: "next" });
  await answer("/actions", { goalId: "g1", kind: "referral", description: "Refer to the rent assistance programme", responsibleRole: "case-manager", responsibleName: "", targetKind: "date", targetDate: "2026-12-15" });
  await answer("/actions", { goalId: "g2", kind: "service", description: "Sign up with the employment service", responsibleRole: "client", responsibleName: "", targetKind: "annual-review" });
  const contract = await answer("/actions", { description: "", then: "next" });
  const ids = [...contract.body.matchAll(/name="text-(a\d+)"/g)].map((m) => m[1]);
  if (ids.length !== 2) throw new ConversationError(`the contract step shows ${ids.length} commitments, not 2`);
  await answer("/commitments", { ...Object.fromEntries(ids.map((a, i) => [`text-${a}`, `I will do part ${i + 1} and say when it is done.`])), then: "next" });
  await answer("/next", {}); // from the review to signing
  await answer("/consent", { agreeClient: "yes", agreeCaseManager: "yes" });
  await answer("/sign", { party: "client", typedName: "Amira Haddad", agree: "yes" });
  const signed = await answer("/sign", { party: "case-manager", typedName: "Jo Smith", image: DRAWING, agree: "yes" });
  if (!/signed|sealed/i.test(signed.body)) throw new ConversationError("the second signature did not seal the plan");
  return id;
}

export function newOutcome(): Outcome {
  return { requests: 0, statuses: {}, latencies: [] };
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
