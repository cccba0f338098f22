/**
 * The audit log keeps a plan request's words in English (its entries are chained: what was written
 * stays), and the audit page reads them back into their message to say them in its reader's
 * language (issue 22). Words it did not write are never guessed at.
 */
import { describe, expect, it } from "vitest";
import { describePlanRequest, planRequestMsg, planRequestWords, readPlanRequest } from "../../src/audit/plan-request-words.ts";
import { translator } from "../../src/i18n/translator.ts";

const REQUESTS: [string, string, Record<string, string>, number][] = [
  ["GET", "/plans/:id", {}, 200],
  ["GET", "/plans/:id/export.fhir.json", {}, 200],
  ["GET", "/plans/:id/:kind/:itemId/edit", { kind: "goals" }, 200],
  ["POST", "/plans/:id/:kind", { kind: "barriers" }, 303],
  ["POST", "/plans/:id/:kind", { kind: "goals" }, 422],
  ["POST", "/plans/:id/:kind/:itemId/delete", { kind: "nonsense" }, 303],
  ["POST", "/plans/:id/progress", {}, 409],
  ["POST", "/plans/:id/sign", {}, 500],
  ["POST", "/plans/:id/somewhere-new", {}, 303],
];

describe("a plan request's words, read back", () => {
  it.each(REQUESTS)("%s %s %j %d: the stored English reads back to the same message", (method, path, params, status) => {
    const stored = describePlanRequest(method, path, params, status);
    expect(readPlanRequest(stored)).toEqual(planRequestMsg(method, path, params, status));
  });

  it("keeps the English words the log has always had", () => {
    expect(describePlanRequest("POST", "/plans/:id/:kind", { kind: "goals" }, 422)).toBe("Saved an answer at goals: not saved: the form needed changes (422)");
    expect(describePlanRequest("POST", "/plans/:id/:kind/:itemId/delete", { kind: "x" }, 303)).toBe("Removed an answer at a step");
    expect(describePlanRequest("POST", "/plans/:id/sign", {}, 500)).toBe("Signed the plan: did not work (500)");
  });

  it("says them in the reader's language", () => {
    const zh = translator("zh-Hans", "UTC");
    expect(planRequestWords(zh.t, readPlanRequest("Saved an answer at goals: not saved: the form needed changes (422)")!)).toBe("在“目标”中保存了一个回答：未保存：表单需要修改（422）");
    const ar = translator("ar", "UTC");
    expect(planRequestWords(ar.t, readPlanRequest("Viewed the plan")!)).toBe("عرض الخطة");
  });

  it("leaves other words alone, and never guesses an outcome", () => {
    expect(readPlanRequest("caseload")).toBeUndefined();
    expect(readPlanRequest("Viewed the plan: refused (422)")).toBeUndefined();
    expect(readPlanRequest("Something else: did not work (500)")).toBeUndefined();
  });
});
