/**
 * test:abuse, issue 18 section 5: input that must neither end the process nor grow its memory
 * without bound. Each attempt says what it sent and what came back; the harness adds memory and
 * whether the process lived.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import type { Ctx, Item } from "../abuse-test.ts";
import { rssMb } from "./coplan-process.ts";
import { call, type Reply, revOf } from "./abuse-http.ts";
import { rgbaPng, signaturePng } from "./signature-png.ts";

export const brief = (r: Reply) => `${r.status}${r.headers["retry-after"] ? ` (Retry-After ${r.headers["retry-after"]})` : ""}`;
const counts = (rs: Reply[]) => {
  const by = new Map<string, number>();
  for (const r of rs) by.set(brief(r), (by.get(brief(r)) ?? 0) + 1);
  return [...by].map(([k, n]) => `${n}× ${k}`).join(", ");
};
const no5xx = (rs: Reply[]) => rs.every((r) => r.status < 500);

/** Runs `count` calls, `width` at a time. */
export async function inParallel(count: number, width: number, one: (i: number) => Promise<Reply>): Promise<Reply[]> {
  const out: Reply[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) out.push(await one(next++));
    }),
  );
  return out;
}

/** A well-formed PNG whose header claims `width`×`height` but whose pixel data is one row. */
const claimingPng = (width: number, height: number) => rgbaPng(width, height, deflateSync(Buffer.alloc(64)));

/** Noise does not compress: a drawing of about `kb` kilobytes. */
function heavyPng(kb: number): string {
  const side = Math.ceil(Math.sqrt((kb * 1024) / 4));
  const raw = Buffer.alloc(side * (1 + side * 4));
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  for (let row = 0; row < side; row++) raw[row * (1 + side * 4)] = 0;
  return rgbaPng(side, side, deflateSync(raw, { level: 0 }));
}

const consented = new Set<string>();
async function consent(ctx: Ctx, planId: string): Promise<void> {
  if (consented.has(planId)) return;
  // Generated plans wait at the review: move on to signing first.
  const next = await call(ctx.base, `/plans/${planId}/next`, { cookie: ctx.cookies.cm, form: { rev: String(await revOf(ctx.base, ctx.cookies.cm, planId)) } });
  if (next.status >= 400) throw new Error(`moving on to signing answered ${next.status}`);
  const r = await call(ctx.base, `/plans/${planId}/consent`, { cookie: ctx.cookies.cm, form: { rev: String(await revOf(ctx.base, ctx.cookies.cm, planId)), agreeClient: "yes", agreeCaseManager: "yes" } });
  if (r.status >= 400) throw new Error(`consent answered ${r.status}`);
  consented.add(planId);
}

const NAME = "Ana Abuse-Client";
async function sign(ctx: Ctx, planId: string, fields: Record<string, string>): Promise<Reply> {
  await consent(ctx, planId);
  const rev = String(await revOf(ctx.base, ctx.cookies.cm, planId));
  return call(ctx.base, `/plans/${planId}/sign`, { cookie: ctx.cookies.cm, form: { rev, agree: "yes", ...fields } });
}

function drawing(name: string, image: () => string): Item {
  return {
    name: `drawn signature: ${name}`,
    run: async (ctx) => {
      const img = image();
      const r = await sign(ctx, ctx.plans.review[0], { party: "client", typedName: NAME, image: img });
      // 413: the whole form was over the body limit, so nothing of it was read to be lost.
      const kept = r.status === 413 || r.body.includes(NAME);
      return { sent: `${name} (${Math.round(img.length / 1024)} KB as a data URL) with the typed name "${NAME}"`, got: `${r.status}${kept ? ", typed name kept" : ", typed name LOST"}`, pass: (r.status === 422 || r.status === 413) && kept };
    },
  };
}

const auditLines = (ctx: Ctx) => {
  try {
    return readFileSync(join(ctx.dataDir, "audit.log"), "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

export const limitItems: Item[] = [
  drawing("not a PNG at all", () => `data:image/png;base64,${Buffer.from("<svg onload=alert(1)>").toString("base64")}`),
  drawing("a PNG cut off after its header", () => signaturePng(2).slice(0, 120)),
  drawing("a 4000×100 PNG", () => signaturePng(4, 4000, 100)),
  drawing("a header claiming 100000×100000 pixels", () => claimingPng(100_000, 100_000)),
  drawing("a 300 KB PNG", () => heavyPng(300)),
  drawing("a 2001×1000 PNG, one pixel over the limit", () => signaturePng(5, 2001, 1000)),
  {
    name: "the PDF of a plan signed with a real drawing",
    run: async (ctx) => {
      const id = ctx.plans.review[1];
      const a = await sign(ctx, id, { party: "client", typedName: NAME, image: signaturePng(3) });
      const b = await sign(ctx, id, { party: "case-manager", typedName: "Jo Bench" });
      if (a.status >= 400 || b.status >= 400) return { sent: "two signatures", got: `${a.status}, ${b.status}`, pass: false };
      ctx.plans.signed = id;
      const pdf = await call(ctx.base, `/plans/${id}/retainer.pdf`, { cookie: ctx.cookies.cm });
      return { sent: `GET /plans/${id}/retainer.pdf`, got: `${pdf.status} ${pdf.headers["content-type"]}`, pass: pdf.status === 200 && pdf.body.startsWith("%PDF") };
    },
  },
  {
    name: "420 failed sign-ins with 250,000-character usernames",
    run: async (ctx) => {
      const before = rssMb(ctx.app.child.pid!);
      const rs = await inParallel(420, 6, (i) => call(ctx.base, "/signin", { from: "127.0.0.2", form: { username: `${i}-${"u".repeat(250_000)}`, password: "wrong password here", next: "/" } }));
      const grew = rssMb(ctx.app.child.pid!) - before;
      return { sent: "420 sign-ins, 6 at a time, from 127.0.0.2", got: `${counts(rs)}; memory grew ${grew.toFixed(1)} MB`, pass: no5xx(rs) && rs.every((r) => r.status >= 400) && grew < 30 };
    },
  },
  {
    name: "40 parallel guesses at one account",
    run: async (ctx) => {
      const rs = await inParallel(40, 40, (i) => call(ctx.base, "/signin", { from: "127.0.0.3", form: { username: "abuse-victim", password: `guess number ${i} of forty`, next: "/" } }));
      const checked = rs.filter((r) => r.status === 401).length;
      return { sent: "40 wrong passwords for abuse-victim at once, from 127.0.0.3", got: `${counts(rs)}; ${checked} checked against the password`, pass: no5xx(rs) && checked <= 10 };
    },
  },
  {
    name: "the victim signs in from elsewhere while the attacker is locked out",
    run: async (ctx) => {
      const r = await call(ctx.base, "/signin", { from: "127.0.0.4", form: { username: "abuse-victim", password: ctx.password, next: "/" } });
      return { sent: "the right password for abuse-victim, from 127.0.0.4", got: brief(r), pass: r.status === 303 };
    },
  },
  {
    name: "24 parallel anonymous sign-ins while a case manager saves",
    run: async (ctx) => {
      const guesses = inParallel(24, 24, (i) => call(ctx.base, "/signin", { from: "127.0.0.5", form: { username: `nobody-${i}`, password: "a wrong password", next: "/" } }));
      await new Promise((r) => setTimeout(r, 50));
      const id = ctx.plans.actions[1];
      const save = await call(ctx.base, `/plans/${id}/goto`, { cookie: ctx.cookies.cm, form: { rev: String(await revOf(ctx.base, ctx.cookies.cm, id)), step: "actions" } });
      const rs = await guesses;
      const limited = rs.some((r) => r.status === 429 && r.headers["retry-after"]);
      return {
        sent: "24 sign-ins for unknown users at once from 127.0.0.5, and one save",
        got: `${counts(rs)}; the save answered ${save.status} in ${save.ms.toFixed(0)} ms`,
        pass: no5xx(rs) && limited && save.status < 400 && save.ms < 3000,
      };
    },
  },
  {
    name: "300 failed sign-ins for one username from one address (audit flooding)",
    run: async (ctx) => {
      const before = auditLines(ctx).length;
      const rs = await inParallel(300, 10, () => call(ctx.base, "/signin", { from: "127.0.0.6", form: { username: "flood-target", password: "a wrong password", next: "/" } }));
      await new Promise((r) => setTimeout(r, 200));
      const added = auditLines(ctx).length - before;
      return { sent: "300 wrong sign-ins for flood-target, 10 at a time, from 127.0.0.6", got: `${counts(rs)}; ${added} audit entries written`, pass: no5xx(rs) && added <= 20 };
    },
  },
  {
    name: "the audit page, paged and filtered",
    run: async (ctx) => {
      const paths = ["/audit", "/audit?page=2", "/audit?action=sign-in-failed", "/audit?actor=%00%0d%0a", "/audit?from=0000-01-01", `/audit?page=${"9".repeat(40)}`];
      const rs = await Promise.all(paths.map((p) => call(ctx.base, p, { cookie: ctx.cookies.admin })));
      return { sent: paths.join(" "), got: rs.map((r) => r.status).join(" "), pass: rs[0].status === 200 && no5xx(rs) };
    },
  },
  {
    name: "an action of 2,000 characters, drafted into its commitment",
    run: async (ctx) => {
      const id = ctx.plans.actions[0];
      const page = await call(ctx.base, `/plans/${id}`, { cookie: ctx.cookies.cm });
      const goalId = page.body.match(/<option value="(g[0-9a-z-]*)"/)?.[1] ?? "g1";
      const description = `Research${" options and make referrals".repeat(80)}`.slice(0, 2000);
      const add = await call(ctx.base, `/plans/${id}/actions`, {
        cookie: ctx.cookies.cm,
        form: { rev: String(await revOf(ctx.base, ctx.cookies.cm, id)), goalId, kind: "referral", description, responsibleRole: "case-manager", responsibleName: "N".repeat(120), targetKind: "date", targetDate: "2027-05-01" },
      });
      const next = await call(ctx.base, `/plans/${id}/next`, { cookie: ctx.cookies.cm, form: { rev: String(await revOf(ctx.base, ctx.cookies.cm, id)) } });
      const shown = await call(ctx.base, `/plans/${id}`, { cookie: ctx.cookies.cm });
      return { sent: "a 2,000-character action with a 120-character name, then on to the contract", got: `${add.status}, ${next.status}, page ${shown.status}`, pass: add.status < 500 && next.status < 500 && shown.status === 200 };
    },
  },
];
