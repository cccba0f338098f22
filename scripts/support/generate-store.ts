/**
 * Generates a Coplan data folder with N realistic plans, for the benchmarks and the crash test.
 *
 * Each kind of plan (at the goals, barriers or action step, at the review, or signed and sealed) is
 * made by driving the real conversation machine through the real service once; then the folder is
 * filled with varied copies of those documents under fresh ids (other names and words, other
 * dates). Signed copies are signed again through the machine, so each seal binds its own id.
 * Files are written in the store's own format (StoredPlan, one JSON file per plan); the folder also
 * gets one case manager account (users.json) that owns every plan.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createPlan, newPlanId, sendEvent, viewOf } from "../../src/plans/conversation.ts";
import { hashPassword } from "../../src/auth/passwords.ts";
import { UserStore } from "../../src/auth/users.ts";
import type { Setup } from "../../src/domain/plan.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { CONSENT_NOTICE } from "../../src/domain/signature.ts";
import { contentHash } from "../../src/signing/seal.ts";
import { loadSigner, type Signer } from "../../src/signing/keys.ts";
import type { StoredPlan } from "../../src/store/plan-store.ts";
import { MemoryPlanStore } from "./memory-store.ts";
import { signaturePng } from "./signature-png.ts";

export const BENCH_USER = { username: "bench", displayName: "Jo Bench", password: "bench password, not a real one" };

export type Kind = "goals" | "barriers" | "actions" | "review" | "signed";
export interface GeneratedPlan {
  id: string;
  kind: Kind;
  rev: number;
  goals: number;
}
export interface GeneratedStore {
  dataDir: string;
  userId: string;
  plans: GeneratedPlan[];
  bytes: number;
}

/** A caseload: most plans long signed, the rest somewhere in their conversation. */
export const CASELOAD: [Kind, number][] = [
  ["goals", 0.2],
  ["barriers", 0.1],
  ["actions", 0.1],
  ["review", 0.1],
  ["signed", 0.5],
];

const NAMES = ["Amira Haddad", "Wei Zhang", "Olusegun Adebayo", "María José García", "Siobhán O'Neill", "Nguyễn Thị Lan", "Jan Kowalski", "Fatima Noor", "Dmitri Ivanov", "Grace Mensah", "Aroha Ngata", "Priya Raman"];
const GOAL_WORDS = [
  "أريد أن أبقى في شقتي — I want to keep my flat and stay near my children's school",
  "我想找一份兼职工作，每周工作二十个小时 (find part-time work)",
  "Be able to concentrate and enjoy things again, and sleep through the night",
  "Pay off the electricity arrears before winter so the power is not cut",
  "Get my driving licence back so I can take the kids to school myself",
  "Je veux reprendre contact avec ma sœur et la voir une fois par mois",
];
const BARRIER_WORDS = ["I can't pay the rent since my hours were cut", "No doctor and nobody to talk to", "No bus after 6pm where I live", "My English reading is not good enough for the forms", "Childcare costs more than I would earn"];
const STRENGTH_WORDS = ["I am organised with paperwork and keep every letter", "My sister drives me when she can", "I never miss an appointment", "I cook for my neighbours and they help me back"];
const ACTION_WORDS = [
  "Refer to the rent assistance programme and follow up within a week",
  "Gather the last three payslips and the tenancy agreement",
  "Research low-cost counselling and make referrals if any are available",
  "Sign up with the employment service and attend the first appointment",
  "Keep using the job search routine: three applications a week",
  "Book a GP appointment about low mood and bring the questionnaire",
];

function pick<T>(list: T[], i: number): T {
  return list[i % list.length];
}

function setupFor(i: number): Setup {
  const year = 2025 + (i % 2);
  const month = String(1 + (i % 12)).padStart(2, "0");
  return {
    clientName: pick(NAMES, i),
    preferredName: pick(NAMES, i).split(" ")[0],
    pronouns: i % 3 === 0 ? "she/her" : i % 3 === 1 ? "he/him" : undefined,
    serviceLength: (["brief", "short-term", "long-term"] as const)[i % 3],
    assessmentType: i % 4 === 0 ? "reassessment" : "initial",
    planDate: `${year}-${month}-10`,
    annualReviewDate: `${year + 1}-${month}-10`,
    priorityIssues: ["Housing at risk", "Depression", "Income", "Family contact"],
  };
}

/** Drives one plan through the machine to `kind` (short of signing), as a case manager would. */
async function drive(store: MemoryPlanStore, kind: Kind, ownerId: string, i: number) {
  let plan = await createPlan(store, setupFor(i), ownerId);
  const send = async (event: Parameters<typeof sendEvent>[3]) => (plan = await sendEvent(store, plan.id, plan.rev, event));
  await send({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: pick(GOAL_WORDS, i) } });
  if (kind === "goals") return plan;
  await send({ type: "ADD", kind: "goals", input: { issue: "Income", clientWords: pick(GOAL_WORDS, i + 1), restatement: "Apply for two part-time jobs by 31 January" } });
  await send({ type: "ADD", kind: "goals", input: { issue: "Depression", clientWords: pick(GOAL_WORDS, i + 2) } });
  await send({ type: "ADD", kind: "declined", input: { issue: "Family contact", reason: "Not ready to talk about my family yet" } });
  await send({ type: "NEXT" });
  if (kind === "barriers") return plan;
  for (const [g, c] of [["g1", "financial-insecurity"], ["g2", "transportation"], ["g3", "lack-of-health-supports"]] as const) {
    await send({ type: "ADD", kind: "barriers", input: { goalId: g, clientWords: pick(BARRIER_WORDS, i + g.length), category: c } });
  }
  await send({ type: "NEXT" });
  await send({ type: "ADD", kind: "strengths", input: { clientWords: pick(STRENGTH_WORDS, i), role: "alone" } });
  await send({ type: "ADD", kind: "strengths", input: { clientWords: pick(STRENGTH_WORDS, i + 1), role: "with-support" } });
  await send({ type: "NEXT" });
  for (let a = 0; a < 6; a++) {
    await send({
      type: "ADD",
      kind: "actions",
      input: {
        goalId: ["g1", "g2", "g3"][a % 3],
        kind: (["referral", "advice", "service"] as const)[a % 3],
        description: pick(ACTION_WORDS, i + a),
        responsible: { role: a % 2 ? "client" : "case-manager", name: a % 2 ? undefined : "Jo Bench" },
        targetDate: a === 5 ? { kind: "ongoing" } : { kind: "date", date: `2027-0${a + 1}-15` },
      },
    });
  }
  if (kind === "actions") return plan;
  await send({ type: "NEXT" }); // to the contract: commitment sentences are drafted
  await send({ type: "NEXT" }); // to the review
  return plan;
}

/** Consent and both signatures, through the machine: the second one seals the plan under its own id. */
async function sign(store: MemoryPlanStore, id: string, i: number, drawings: string[], signer: Signer) {
  let plan = viewOf((await store.get(id))!);
  plan = await sendEvent(store, id, plan.rev, { type: "NEXT" });
  const at = `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00.000Z`;
  plan = await sendEvent(store, id, plan.rev, { type: "CONSENT", consent: { noticeVersion: CONSENT_NOTICE.version, at, parties: ["client", "case-manager"] } });
  const version = (plan as { version?: number }).version ?? 1;
  const hash = contentHash(id, version, plan.data);
  const base = { agreed: true as const, at, ip: "10.0.4.17", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", contentHash: hash };
  const client: Signature = { ...base, party: "client", name: plan.data.setup.clientName, method: "typed", typedName: plan.data.setup.clientName };
  const manager: Signature = { ...base, party: "case-manager", name: "Jo Bench", method: "drawn", typedName: "Jo Bench", image: pick(drawings, i) };
  plan = await sendEvent(store, id, plan.rev, { type: "SIGN", signature: client });
  plan = await sendEvent(store, id, plan.rev, { type: "SIGN", signature: manager }, signer);
  return plan;
}

/** A copy of a driven plan under a fresh id, with another client's name and words. */
function vary(template: StoredPlan, i: number): StoredPlan {
  const copy = structuredClone(template);
  copy.id = newPlanId();
  const data = (copy.snapshot as { context: { data: { setup: Setup; goals: { clientWords: string }[]; barriers: { clientWords: string }[] } } }).context.data;
  data.setup.clientName = `${pick(NAMES, i)} ${i}`;
  data.setup.preferredName = pick(NAMES, i).split(" ")[0];
  data.goals.forEach((g, k) => (g.clientWords = `${pick(GOAL_WORDS, i + k)} (${i})`));
  data.barriers.forEach((b, k) => (b.clientWords = pick(BARRIER_WORDS, i + k)));
  const at = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString();
  copy.createdAt = at;
  copy.updatedAt = at;
  return copy;
}

/** Writes a fresh data folder at `dataDir` holding `count` plans; returns what it holds. */
export async function generateStore(dataDir: string, count: number, opts: { passwordHash?: string; mix?: [Kind, number][]; drawings?: string[] } = {}): Promise<GeneratedStore> {
  const mix = opts.mix ?? CASELOAD;
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(join(dataDir, "plans"), { recursive: true });
  // The data folder's own key (made here, read again by the server), so its seals verify there.
  const signer = loadSigner(dataDir);
  const users = new UserStore(dataDir, () => new Date());
  const user = await users.add({ ...BENCH_USER, role: "case-manager", passwordHash: opts.passwordHash ?? (await hashPassword(BENCH_USER.password)) });

  const store = new MemoryPlanStore(() => new Date("2026-01-01T10:00:00Z"));
  const templates = new Map<Kind, StoredPlan[]>();
  for (const kind of new Set(mix.map(([k]) => (k === "signed" ? "review" : k)))) {
    const driven = await Promise.all([0, 1, 2].map(async (i) => (await store.get((await drive(store, kind, user.id, i)).id))!));
    templates.set(kind, driven);
  }
  // `drawings` lets test:abuse store what older versions let through unchecked.
  const drawings = opts.drawings ?? Array.from({ length: 8 }, (_, i) => signaturePng(i + 1));

  const plans: GeneratedPlan[] = [];
  let bytes = 0;
  let pending: Promise<void>[] = [];
  let k = 0;
  for (const [kind, share] of mix) {
    const n = kind === mix[mix.length - 1][0] ? count - plans.length : Math.round(count * share);
    for (let j = 0; j < n; j++, k++) {
      let doc = vary(pick(templates.get(kind === "signed" ? "review" : kind)!, k), k);
      store.put(doc);
      if (kind === "signed") await sign(store, doc.id, k, drawings, signer);
      doc = (await store.get(doc.id))!;
      store.plans.delete(doc.id);
      const text = JSON.stringify(doc);
      bytes += Buffer.byteLength(text);
      plans.push({ id: doc.id, kind, rev: doc.rev, goals: viewOf(doc).data.goals.length });
      pending.push(writeFile(join(dataDir, "plans", `${doc.id}.json`), text));
      if (pending.length >= 64) {
        await Promise.all(pending);
        pending = [];
      }
    }
  }
  await Promise.all(pending);
  return { dataDir, userId: user.id, plans, bytes };
}
