/**
 * Issue 19, item 6: every message a user sees is plain words. Every form of the app is posted with
 * nothing, with empty fields and with garbage, as a full page and as an htmx fragment, and no answer
 * may show a regular expression or the validation library's own wording.
 */
import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, post, signIn, text, withCookie, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { signedPlan } from "../helpers/signed.ts";
import { createPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { plainMessage } from "../../src/http/plain-errors.ts";
import { parseItem } from "../../src/plans/forms.ts";
import { translator } from "../../src/i18n/translator.ts";

const en = translator("en", "UTC");
const say = (message: string | undefined) => en.t(message ?? "");

/** zod's own wording, and the look of a regular expression. */
const LIBRARY_WORDING = [
  /Invalid input/i,
  /Invalid (string|option|enum|literal|type|date|format|union)/i,
  /\bExpected\b/,
  /expected (string|number|boolean|object|array|one of|a |to )/i,
  /must match pattern/i,
  /Too (small|big)/i,
  /\/\^/,
  /\$\//,
  /\breceived\b/i,
  /[>:]\s*Required\s*</,
  /\[a-z0-9/,
];

const EVERY_FIELD = [
  "clientName", "preferredName", "pronouns", "serviceLength", "assessmentType", "planDate", "annualReviewDate", "priorityIssues",
  "issue", "clientWords", "restatement", "reason", "goalId", "category", "role", "kind", "description", "responsibleRole",
  "responsibleName", "targetKind", "targetDate", "text", "party", "typedName", "image", "repName", "repRelationship", "agree",
  "agreeClient", "agreeCaseManager", "status", "note", "days", "username", "displayName", "password", "step", "key", "findingKey",
  "to", "ownerId", "scenarioId", "signingFor", "next",
];
const fill = (value: string) => Object.fromEntries(EVERY_FIELD.map((f) => [f, value]));
const GARBAGE = ["", "  ", "zz~garbage{}&#", "9".repeat(50), "\u00a0x\u00a0", "2027-02-31", "-1"];

function expectPlain(where: string, html: string) {
  const seen = text(html)
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/\s(pattern|hx-[a-z-]+|href|action|src)="[^"]*"/g, ""); // attributes are not shown as words
  for (const re of LIBRARY_WORDING) {
    const m = seen.match(re);
    expect(m ? `${where}: “…${seen.slice(Math.max(0, m.index! - 80), m.index! + 80)}…”` : "", `library wording ${re} in ${where}`).toBe("");
  }
}

async function revOfPlan(app: App, id: string): Promise<string> {
  const html = await (await get(app, `/plans/${id}`)).text();
  return html.match(/name="rev" value="(\d+)"/)?.[1] ?? "0";
}

describe("errors in plain words", () => {
  it("leaving the goal at “Choose…” names the goal in words, not a pattern", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const res = await post(app, `/plans/${plan.id}/barriers`, { rev: await revOfPlan(app, plan.id), goalId: "", clientWords: "Rent went up", category: "housing" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const html = text(await res.text());
    expect(html).not.toContain("must match pattern");
    // Refused by the form (if the step allows barriers) or by the machine; either way in plain words.
    expectPlain("barrier with no goal", html);
    const parsed = parseItem("barriers", { goalId: "", clientWords: "x", category: "housing" });
    expect(parsed.ok ? "" : say(parsed.errors.goalId)).toBe("Please choose which goal this is about.");
  });

  it("gives every refusal a schema did not word a sentence that names the field", () => {
    expect(say(plainMessage({ code: "invalid_format", path: ["goalId"], input: "" }))).toBe("Please choose which goal this is about.");
    expect(say(plainMessage({ code: "invalid_value", path: ["category"], input: "x" }))).toBe("Please choose a category from the list.");
    expect(say(plainMessage({ code: "invalid_type", path: ["responsible", "name"], input: 3 }))).toMatch(/^Please check/);
    expect(say(plainMessage({ code: "too_big", path: ["clientWords"], input: "x" }))).toBe("Please shorten the client's words.");
    expect(say(plainMessage({ code: "invalid_type", path: [], input: undefined }))).toBe("Please fill in this answer.");
  });

  it("says each such sentence, and the field's name in it, in the reader's language", () => {
    const message = plainMessage({ code: "too_small", path: ["clientName"], input: "" });
    expect(translator("es", "UTC").t(message)).toBe("Complete el nombre de la persona usuaria.");
    expect(translator("ar", "UTC").t(message)).toBe("يرجى إدخال اسم العميل.");
    expect(translator("zh-Hans", "UTC").t(plainMessage({ code: "invalid_value", path: ["category"], input: "x" }))).toBe("请从列表中选择类别。");
  });

  it("a staff account's form, refused in Spanish, names the field in Spanish", async () => {
    const { raw, deps } = await buildApp();
    await addUser(deps, "admin", "ada");
    const admin = withCookie(raw, await signIn(raw, "ada"));
    const res = await admin.request("http://localhost/users", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", "Accept-Language": "es" },
      body: new URLSearchParams({ username: "jo", displayName: "Jo", role: "nurse", password: "long enough passphrase" }),
    });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain("Elija una función.");
  });

  it("no form of the app, posted empty or with garbage, answers with a regular expression or the library's wording", { timeout: 120_000 }, async () => {
    const { app, raw, deps, store, user } = await buildApp();
    const supervisor = await addUser(deps, "supervisor", "sam");
    const sup = withCookie(raw, await signIn(raw, "sam"));
    await addUser(deps, "admin", "ada");
    const admin = withCookie(raw, await signIn(raw, "ada"));
    void supervisor;

    const atSetup = await createPlan(store, SETUP, user.id);
    const atReview = await planAtReview(store, user.id);
    const signed = await signedPlan(store, user.id);
    const forms: [App, string][] = [
      [app, "/plans"],
      [app, "/training"],
      [app, "/calendar"],
      [admin, "/users"],
    ];
    for (const id of [atSetup.id, atReview.id, signed.id]) {
      for (const path of [
        "setup", "goals", "declined", "barriers", "strengths", "actions", "goals/g1", "barriers/b1", "actions/a1", "goals/g1/delete",
        "commitments", "next", "goto", "consent", "sign", "review-links", "coaching/dismiss", "coaching/apply",
        "progress/actions/a1", "progress/goals/g1", "progress/notes", "reassess",
      ]) forms.push([app, `/plans/${id}/${path}`]);
      forms.push([sup, `/plans/${id}/notes`], [sup, `/plans/${id}/reassign`]);
    }

    for (const [who, path] of forms) {
      const id = path.split("/")[2];
      for (const value of GARBAGE) {
        for (const htmx of [false, true]) {
          const rev = id && id.length > 8 ? await revOfPlan(app, id) : "0";
          const res = await post(who, path, { ...fill(value), rev }, { htmx });
          expect(res.status, `${path} with ${JSON.stringify(value)}`).toBeLessThan(500);
          expectPlain(`${path} with ${JSON.stringify(value)}${htmx ? " (htmx)" : ""}`, await res.text());
        }
      }
      const bare = await post(who, path, {}, {});
      expect(bare.status, `${path} with nothing`).toBeLessThan(500);
      expectPlain(`${path} with nothing`, await bare.text());
    }
    for (const page of ["/audit?from=zz&to=2027-02-31&action=zz%7B%7D", "/audit?actor=&outcome=nope"]) {
      expectPlain(page, await (await get(sup, page)).text());
    }
  });
});

describe("messages that name their field", () => {
  it("says which answer is empty or too long, not “here” or “this”", () => {
    const empty = parseItem("goals", { issue: "Housing at risk", clientWords: "  " });
    expect(empty.ok ? "" : say(empty.errors.clientWords)).toBe("Please write the client's words here.");
    const long = parseItem("goals", { issue: "x".repeat(201), clientWords: "Keep my flat." });
    expect(long.ok ? "" : say(long.errors.issue)).toBe("Please keep the priority issue under 200 characters.");
  });
});
