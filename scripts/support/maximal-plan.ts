/**
 * The largest retainer a plan can make, in one script: every text field at its schema maximum
 * (src/domain/plan.ts) and every list as long as `items` says, with two drawn signatures. For the
 * PDF's memory check (scripts/pdf-heap.ts) and its test.
 */
import { buildRetainer, type Retainer } from "../../src/signing/retainer.ts";
import type { PlanData } from "../../src/domain/plan.ts";
import { COMMITMENT_MAX, DESCRIPTION_MAX, NAME_MAX } from "../../src/domain/plan.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { signaturePng } from "./signature-png.ts";
import { MAX_ITEMS } from "../../machines/rules.ts";

export const SCRIPTS = ["latin", "arabic", "chinese"] as const;
export type Script = (typeof SCRIPTS)[number];

const SAMPLE: Record<Script, string> = {
  latin: "I want to keep my flat near the children's school and pay back what I owe, step by step. ",
  arabic: "أريد أن أبقى في شقتي قرب مدرسة أطفالي وأن أسدد ما علي خطوة بخطوة. ",
  chinese: "我想留在孩子学校附近的公寓里，一步一步还清我欠的钱。",
};

/** Text of exactly `n` characters (code points) in that script. */
export function fill(script: Script, n: number): string {
  const chars = [...SAMPLE[script]];
  return Array.from({ length: n }, (_, i) => chars[i % chars.length]).join("").replace(/^\s|\s$/g, "x");
}

/** Lists at their caps (machines/rules.ts MAX_ITEMS, the same 30 as the priority issues). */
export function maximalRetainer(script: Script, items = Math.max(...Object.values(MAX_ITEMS))): Retainer {
  const t = (n: number) => fill(script, n);
  const issues = Array.from({ length: items }, (_, i) => `${i + 1} ${t(198)}`);
  const goals = issues.map((issue, i) => ({ id: `g${i}`, issue, clientWords: t(2000), restatement: t(2000) }));
  const data: PlanData = {
    setup: {
      clientName: t(120),
      preferredName: t(120),
      pronouns: t(60),
      serviceLength: "long-term",
      assessmentType: "reassessment",
      planDate: "2026-11-24",
      annualReviewDate: "2027-11-24",
      priorityIssues: issues,
    },
    goals,
    declined: issues.map((issue, i) => ({ id: `d${i}`, issue, reason: t(2000) })),
    barriers: goals.map((g, i) => ({ id: `b${i}`, goalId: g.id, clientWords: t(2000), category: "other" as const })),
    strengths: goals.map((_, i) => ({ id: `s${i}`, clientWords: t(2000), role: "with-support" as const })),
    actions: goals.map((g, i) => ({
      id: `a${i}`,
      goalId: g.id,
      kind: "service" as const,
      description: t(DESCRIPTION_MAX),
      responsible: { role: "other-support" as const, name: t(NAME_MAX) },
      targetDate: { kind: "date" as const, date: "2027-06-30" },
      status: "not-started" as const,
      commitment: t(COMMITMENT_MAX),
    })),
  };
  const sig = (party: Signature["party"], seed: number): Signature => ({
    party,
    name: t(200),
    method: "drawn",
    image: signaturePng(seed, 1200, 360),
    typedName: t(200),
    agreed: true,
    at: "2026-11-24T10:00:00.000Z",
    ip: "127.0.0.1",
    userAgent: "pdf-heap",
    contentHash: "0".repeat(64),
  });
  const check = {
    ok: true,
    data,
    version: 1,
    sealedAt: "2026-11-24T10:00:00.000Z",
    signatures: [sig("client", 1), sig("case-manager", 2)],
    consent: { noticeVersion: "2026-11-1", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] },
    contentHash: "0".repeat(64),
  };
  return buildRetainer(check as unknown as Parameters<typeof buildRetainer>[0]);
}
