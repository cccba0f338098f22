/**
 * test:abuse, issue 18 section 6: the smaller holes, each tried once against the running server.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Ctx, Item } from "../abuse-test.ts";
import { call, revOf } from "./abuse-http.ts";
import { brief } from "./abuse-limits.ts";

/** A marker at the start of each refused text: found in the answer if the words were kept. */
const MARK = "Words-I-typed-7731";

function keepsWords(name: string, send: (ctx: Ctx) => Promise<{ status: number; body: string }>, what: string): Item {
  return {
    name: `a refused ${name} keeps its words`,
    run: async (ctx) => {
      const r = await send(ctx);
      const kept = r.body.includes(MARK);
      return { sent: what, got: `${r.status}${kept ? ", words kept" : ", words LOST"}`, pass: r.status === 422 && kept };
    },
  };
}

const rev = async (ctx: Ctx, id: string, cookie = ctx.cookies.cm) => String(await revOf(ctx.base, cookie, id));

export const holeItems: Item[] = [
  {
    name: "control characters in next=",
    run: async (ctx) => {
      const a = await call(ctx.base, "/signin?next=/%0d%0aSet-Cookie:%20x=1%00");
      const b = await call(ctx.base, "/signin", { form: { username: "abuse-cal", password: ctx.password, next: "/\r\nSet-Cookie: x=1\u0000" } });
      const location = String(b.headers.location ?? "");
      return { sent: "GET and POST /signin with CR, LF and NUL in next=", got: `${a.status}, ${b.status} to ${JSON.stringify(location)}`, pass: a.status < 500 && b.status < 500 && !/[\r\n\0]/.test(location) };
    },
  },
  {
    name: "control characters in a bubble id and item ids",
    run: async (ctx) => {
      const id = ctx.plans.actions[1];
      const rs = [
        await call(ctx.base, `/plans/${id}/bubbles/%01x`, { cookie: ctx.cookies.cm }),
        await call(ctx.base, `/plans/${id}/goals/%0d%0a/edit`, { cookie: ctx.cookies.cm }),
        await call(ctx.base, `/plans/${id}/goals/%00`, { cookie: ctx.cookies.cm, form: { rev: await rev(ctx, id), clientWords: "x", issue: "x" } }),
        await call(ctx.base, `/plans/${id}/progress/actions/%1b`, { cookie: ctx.cookies.cm, form: { rev: await rev(ctx, id), status: "done" } }),
      ];
      return { sent: "ids with SOH, CR LF, NUL and ESC in four routes", got: rs.map((r) => r.status).join(" "), pass: rs.every((r) => r.status >= 400 && r.status < 500) };
    },
  },
  keepsWords(
    "coaching dismiss reason",
    async (ctx) => {
      // A plan at the review shows its open findings, each with a form to dismiss it.
      const id = ctx.plans.review[2];
      const page = await call(ctx.base, `/plans/${id}`, { cookie: ctx.cookies.cm });
      const key = page.body.match(/coaching\/dismiss"[\s\S]*?name="key" value="([^"]+)"/)?.[1];
      if (!key) throw new Error("no open finding to dismiss on the review page");
      return call(ctx.base, `/plans/${id}/coaching/dismiss`, { cookie: ctx.cookies.cm, form: { rev: await rev(ctx, id), key, reason: `${MARK} ${"r".repeat(600)}` } });
    },
    "a 600-character dismiss reason for an open finding (over its limit)",
  ),
  keepsWords(
    "progress reason",
    async (ctx) => {
      const id = ctx.plans.signed!;
      const page = await call(ctx.base, `/plans/${id}/progress`, { cookie: ctx.cookies.cm });
      const actionId = page.body.match(/name="reason-([a-z0-9-]+)"/)?.[1];
      if (!actionId) throw new Error("no action's reason field on the progress page");
      return call(ctx.base, `/plans/${id}/progress/actions/${actionId}`, { cookie: ctx.cookies.cm, form: { rev: await rev(ctx, id), status: "not-done", reason: `${MARK} ${"r".repeat(2100)}` } });
    },
    "a 2,100-character not-done reason (over its limit)",
  ),
  keepsWords(
    "supervisor note",
    async (ctx) => {
      const id = ctx.plans.signed!;
      return call(ctx.base, `/plans/${id}/notes`, { cookie: ctx.cookies.sup, form: { rev: await rev(ctx, id, ctx.cookies.sup), text: `${MARK} ${"n".repeat(4100)}` } });
    },
    "a 4,100-character supervisor note",
  ),
  keepsWords(
    "reassign note",
    async (ctx) => {
      const id = ctx.plans.signed!;
      return call(ctx.base, `/plans/${id}/reassign`, { cookie: ctx.cookies.sup, form: { rev: await rev(ctx, id, ctx.cookies.sup), to: "nobody", note: `${MARK} please call her on Monday` } });
    },
    "a handover note with no case manager chosen",
  ),
  {
    name: "CR/LF in a staff name",
    run: async (ctx) => {
      const r = await call(ctx.base, "/users", { cookie: ctx.cookies.admin, form: { username: "crlf-user", displayName: "Jo\r\nATTENDEE:mailto:evil@example.org", role: "case-manager" } });
      return { sent: "a new account named Jo CR LF ATTENDEE:…", got: brief(r), pass: r.status === 422 };
    },
  },
  {
    name: "a re-enabled account's old calendar address",
    run: async (ctx) => {
      const made = await call(ctx.base, "/calendar", { cookie: ctx.cookies.cal, form: {} });
      const path = made.body.match(/\/calendar\/[A-Za-z0-9_-]{43}\.ics/)?.[0];
      if (!path) return { sent: "POST /calendar", got: `${made.status}, no address on the page`, pass: false };
      const first = await call(ctx.base, path);
      for (const change of ["disable", "enable"]) await call(ctx.base, `/users/${ctx.ids.cal}/${change}`, { cookie: ctx.cookies.admin, form: {} });
      const after = await call(ctx.base, path);
      return { sent: "the feed address, then disable and enable its account", got: `${first.status} before, ${after.status} after`, pass: first.status === 200 && after.status >= 400 && after.status < 500 };
    },
  },
  {
    name: "a forged Host header",
    run: async (ctx) => {
      const host = `evil.example:${new URL(ctx.base).port}`;
      const r = await call(ctx.base, "/calendar", { cookie: ctx.cookies.cm, form: {}, headers: { Host: host, Origin: `http://${host}` } });
      const leaked = r.body.includes("evil.example");
      return { sent: `POST /calendar with Host and Origin ${host}`, got: `${r.status}${leaked ? ", the link names evil.example" : ", no link to evil.example"}`, pass: r.status < 500 && !leaked };
    },
  },
  {
    name: "HEAD on a plan is not audited as a change",
    run: async (ctx) => {
      const lines = () => readFileSync(join(ctx.dataDir, "audit.log"), "utf8").split("\n").filter((l) => l.includes('"plan-changed"')).length;
      const before = lines();
      const r = await call(ctx.base, `/plans/${ctx.plans.actions[1]}`, { cookie: ctx.cookies.cm, method: "HEAD" });
      await new Promise((res) => setTimeout(res, 200));
      const added = lines() - before;
      return { sent: "HEAD /plans/<id>", got: `${r.status}; ${added} plan-changed entries added`, pass: r.status < 500 && added === 0 };
    },
  },
  {
    name: "no-index and no-referrer on the client's and sign-in pages; robots.txt",
    run: async (ctx) => {
      const pages = [await call(ctx.base, "/signin"), await call(ctx.base, `/r/${ctx.plans.signed}/${"x".repeat(43)}`)];
      const robots = await call(ctx.base, "/robots.txt");
      const ok = pages.every((p) => /noindex/.test(String(p.headers["x-robots-tag"])) && p.headers["referrer-policy"] === "no-referrer");
      return {
        sent: "GET /signin, a client review link, /robots.txt",
        got: `${pages.map((p) => `${p.status} X-Robots-Tag: ${p.headers["x-robots-tag"]}, Referrer-Policy: ${p.headers["referrer-policy"]}`).join("; ")}; robots ${robots.status}`,
        pass: ok && robots.status === 200 && /Disallow: \/\s*$/m.test(robots.body),
      };
    },
  },
  {
    name: "a target date in the year 0000",
    run: async (ctx) => {
      const id = ctx.plans.actions[1];
      const r = await call(ctx.base, `/plans/${id}/actions`, {
        cookie: ctx.cookies.cm,
        form: { rev: await rev(ctx, id), goalId: "g1", kind: "advice", description: "Check the bus timetable", responsibleRole: "client", targetKind: "date", targetDate: "0000-01-01" },
      });
      return { sent: "an action due on 0000-01-01", got: brief(r), pass: r.status === 422 };
    },
  },
  {
    name: "control characters in the client's words",
    run: async (ctx) => {
      const id = ctx.plans.actions[1];
      const words = "Call\u0007 the\u0085 housing office 👩‍👩‍👧 مرحبا\tnow";
      const r = await call(ctx.base, `/plans/${id}/actions`, {
        cookie: ctx.cookies.cm,
        form: { rev: await rev(ctx, id), goalId: "g1", kind: "advice", description: words, responsibleRole: "client", targetKind: "date", targetDate: "2027-04-01" },
      });
      const page = await call(ctx.base, `/plans/${id}`, { cookie: ctx.cookies.cm });
      const clean = page.body.includes("Call the housing office 👩‍👩‍👧 مرحبا");
      const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(page.body);
      return { sent: "an action with BEL, NEL, a family emoji and Arabic", got: `${r.status}; ${clean ? "stored without the control characters, emoji and Arabic intact" : "not stored as expected"}${control ? "; control characters on the page" : ""}`, pass: r.status < 400 && clean && !control };
    },
  },
  {
    name: "request headers over the limit",
    run: async (ctx) => {
      const r = await call(ctx.base, "/signin", { headers: { "X-Big": "b".repeat(12_000) } });
      // 70 KB: the server answers 431 and closes while the client is still sending, so the client
      // may see its connection reset instead: refused either way.
      const big = await call(ctx.base, "/signin", { headers: { "X-Big": "b".repeat(70_000) } }).then(brief, (err: Error) => err.message);
      return { sent: "GET /signin with a 12 KB header, then a 70 KB one", got: `${brief(r)}, ${big}`, pass: r.status === 431 && /^431|ECONNRESET|EPIPE/.test(big) };
    },
  },
];

/** Items for a server started on an empty, new data folder. */
export const freshItems: Item[] = [
  {
    name: "the one-time set-up link, used four times at once",
    run: async (ctx) => {
      const path = ctx.app.stdout().match(/\/setup\/[A-Za-z0-9_-]+/)?.[0];
      if (!path) return { sent: "-", got: "no set-up link printed", pass: false };
      const rs = await Promise.all(
        [1, 2, 3, 4].map((i) => call(ctx.base, path, { form: { username: `first-admin-${i}`, displayName: `Admin ${i}`, password: "correct horse battery staple", confirm: "correct horse battery staple" } })),
      );
      const made = rs.filter((r) => r.status === 303).length;
      return { sent: `four POSTs to ${path.slice(0, 14)}… at once`, got: `${rs.map((r) => r.status).join(" ")}: ${made} administrator(s) made`, pass: made === 1 && rs.every((r) => r.status < 500) };
    },
  },
  {
    name: "the modes of every file and folder Coplan creates",
    run: async (ctx) => {
      const wrong: string[] = [];
      const walk = (dir: string) => {
        if ((statSync(dir).mode & 0o777) !== 0o700) wrong.push(`${dir} ${(statSync(dir).mode & 0o777).toString(8)}`);
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if ((statSync(p).mode & 0o777) !== 0o600) wrong.push(`${p} ${(statSync(p).mode & 0o777).toString(8)}`);
        }
      };
      walk(ctx.dataDir);
      return { sent: "stat of the new data folder after set-up", got: wrong.length ? `not private: ${wrong.map((w) => w.replace(ctx.dataDir, "")).join(", ")}` : "files 0600, folders 0700", pass: wrong.length === 0 };
    },
  },
];
