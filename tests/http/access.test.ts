/**
 * Who may reach what. The matrix is generated from the app's own route table, so a route added
 * without an entry in POLICY (and without a check in app.ts) fails this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { addUser, buildApp, ORIGIN, signIn, withCookie, type App, type Built } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";

type Who = "anonymous" | "owner" | "other-case-manager" | "supervisor" | "admin" | "trainee";
type Policy = "training" | "training-start" | "planner" | "public" | "staff" | "case-manager" | "admin" | "supervisor" | "supervisor-admin" | "plan" | "plan-case-manager" | "plan-supervisor" | "plan-owner";

/** Every route's rule. "plan": the plan's own case manager and supervisors. */
const POLICY: Record<string, Policy> = {
  "GET /health": "public",
  "GET /robots.txt": "public",
  "GET /favicon.ico": "public",
  "GET /signin": "public",
  "POST /signin": "public",
  "POST /signout": "public",
  "POST /language": "public",
  "GET /setup/:token": "public",
  "POST /setup/:token": "public",
  "GET /reset/:token": "public",
  "POST /reset/:token": "public",
  "GET /r/:planId/:token": "public",
  "GET /review/:planId": "public",
  "GET /c/:token": "public", // the client's phone: the token is the key (tests/http/companion.test.ts)
  "POST /c/:token/answer": "public",
  "GET /c/:token/events": "public",
  "GET /": "staff",
  "GET /caseload": "case-manager",
  "GET /account": "staff",
  "POST /account": "staff",
  "GET /supervisor": "supervisor",
  "GET /users": "admin",
  "POST /users": "admin",
  "POST /users/:userId/:change{disable|enable}": "admin",
  "POST /users/:userId/reset": "admin",
  "GET /keys": "admin",
  "GET /keys/public.pem": "admin",
  "GET /audit": "supervisor-admin",
  "GET /plans": "planner",
  "GET /training": "training",
  "GET /practice": "staff",
  "POST /training": "training-start",
  "POST /plans/:id/coaching/apply": "plan",
  "POST /plans/:id/coaching/dismiss": "plan",
  "POST /plans/:id/coaching/category": "plan",
  "POST /plans/:id/suggestions": "plan",
  "GET /plans/:id/scorecard": "plan",
  "GET /plans/new": "case-manager",
  "POST /plans": "case-manager",
  "GET /plans/:id": "plan",
  "GET /plans/:id/retainer": "plan",
  "GET /plans/:id/retainer.pdf": "plan",
  "GET /plans/:id/handover": "plan",
  "GET /plans/:id/progress": "plan",
  "POST /plans/:id/progress": "plan",
  "POST /plans/:id/progress/actions/:actionId": "plan",
  "POST /plans/:id/progress/goals/:goalId": "plan",
  "POST /plans/:id/progress/notes": "plan",
  "POST /plans/:id/reassess": "plan",
  "GET /plans/:id/changes": "plan",
  "GET /plans/:id/export.json": "plan",
  "GET /plans/:id/export.fhir.json": "plan",
  "GET /calendar/:file{[A-Za-z0-9_-]{43}\\.ics}": "public",
  "GET /calendar": "case-manager",
  "POST /calendar": "case-manager",
  "POST /calendar/revoke": "case-manager",
  "POST /plans/:id/notes": "plan-supervisor",
  "POST /plans/:id/reassign": "plan-supervisor",
  "POST /plans/:id/consent": "plan",
  "POST /plans/:id/sign": "plan",
  "POST /plans/:id/review-links": "plan",
  "POST /plans/:id/companion": "plan-owner",
  "POST /plans/:id/companion/end": "plan",
  "GET /plans/:id/events": "plan",
  "POST /plans/:id/review-links/:linkId/revoke": "plan",
  "POST /plans/:id/next": "plan",
  "POST /plans/:id/goto": "plan",
  "POST /plans/:id/commitments": "plan",
  "POST /plans/:id/commitments/:itemId/redraft": "plan",
  "POST /plans/:id/commitments/:itemId/keep": "plan",
  "GET /plans/:id/bubbles/:bubbleId": "plan",
  "GET /plans/:id/:kind/:itemId/edit": "plan",
  "GET /plans/:id/setup/edit": "plan",
  "POST /plans/:id/setup": "plan",
  "POST /plans/:id/:kind": "plan",
  "POST /plans/:id/:kind/:itemId": "plan",
  "POST /plans/:id/:kind/:itemId/delete": "plan",
};

function allowed(policy: Policy, who: Who): boolean {
  switch (policy) {
    case "public":
      return true;
    case "planner":
      return who !== "anonymous" && who !== "admin";
    case "training":
      return who === "owner" || who === "other-case-manager" || who === "supervisor" || who === "trainee";
    case "training-start":
      return who === "owner" || who === "other-case-manager" || who === "trainee";
    case "staff":
      return who !== "anonymous";
    case "case-manager":
      return who === "owner" || who === "other-case-manager";
    case "admin":
      return who === "admin";
    case "supervisor":
      return who === "supervisor";
    case "supervisor-admin":
      return who === "supervisor" || who === "admin";
    case "plan":
    case "plan-case-manager":
      return who === "owner" || who === "supervisor";
    case "plan-supervisor":
      return who === "supervisor";
    case "plan-owner":
      return who === "owner";
  }
}

let built: Built;
let planId: string;
let apps: Record<Who, App>;
let adminId: string;

beforeAll(async () => {
  built = await buildApp();
  const plan = await signedPlan(built.store, built.user.id);
  planId = plan.id;
  await addUser(built.deps, "case-manager", "other");
  await addUser(built.deps, "supervisor", "sam");
  adminId = (await addUser(built.deps, "admin", "ada")).id;
  await addUser(built.deps, "trainee", "tess");
  apps = {
    anonymous: built.raw,
    owner: built.app,
    "other-case-manager": withCookie(built.raw, await signIn(built.raw, "other")),
    supervisor: withCookie(built.raw, await signIn(built.raw, "sam")),
    admin: withCookie(built.raw, await signIn(built.raw, "ada")),
    trainee: withCookie(built.raw, await signIn(built.raw, "tess")),
  };
});

function concrete(path: string): string {
  return path
    .replace(":id", planId)
    .replace(":planId", planId)
    .replace(":kind", "goals")
    .replace(":itemId", "g1")
    .replace(":actionId", "a6")
    .replace(":goalId", "g1")
    .replace(":bubbleId", "g1")
    .replace(":userId", adminId) // the admin's own account: the one change refused even to an admin
    .replace(":change{disable|enable}", "disable")
    .replace(":linkId", "nolink")
    .replace(":token", "not-a-token")
    .replace(/:file\{.*\}$/, `${"x".repeat(43)}.ics`);
}

describe("the route × role matrix", () => {
  it("has a rule for every route the app serves", () => {
    const app = createApp(built.deps);
    const routes = app.routes.filter((r) => r.method !== "ALL" && !r.path.startsWith("/static/"));
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in POLICY));
    expect(missing, "routes without an access rule in POLICY").toEqual([]);
  });

  const whos: Who[] = ["anonymous", "owner", "other-case-manager", "supervisor", "admin", "trainee"];
  for (const [key, policy] of Object.entries(POLICY)) {
    if (key === "POST /signout") continue; // signing out would end the sessions the matrix uses
    it(`${key} (${policy})`, async () => {
      const [method, path] = key.split(" ");
      for (const who of whos) {
        const res = await apps[who].request(`${ORIGIN}${concrete(path)}`, {
          method,
          redirect: "manual",
          headers: method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN } : {},
          body: method === "POST" ? "" : undefined,
        });
        // An event stream stays open while the page does: its opening is what is checked.
        const body = res.headers.get("Content-Type")?.startsWith("text/event-stream") ? (await res.body?.cancel(), "") : await res.text();
        // A public route may answer 401 itself (a wrong password); only a bounce to sign-in is a refusal.
        const toSignIn = (res.status === 401 && policy !== "public") || (res.status === 303 && (res.headers.get("Location") ?? "").startsWith("/signin"));
        const refused = toSignIn || res.status === 403 || body.includes("There is no such plan here.");
        expect(res.status, `${who} ${key}`).not.toBe(500);
        expect(refused, `${who} ${key} → ${res.status}`).toBe(!allowed(policy, who));
        if (refused && who !== "anonymous") expect(body, `${who} ${key} leaks plan data`).not.toContain("Amira");
      }
    }, 30_000);
  }
});
