import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../../src/audit/audit-log.ts";
import { addUser, buildApp, get, signIn, text, withCookie, type App, type Built } from "../helpers/app.ts";

/** The seq column of each row shown, in page order. */
function seqs(html: string): number[] {
  return [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

function rows(html: string): string[] {
  return [...html.matchAll(/<tr><td>\d+<\/td>.*?<\/tr>/g)].map((m) => m[0]);
}

/** The href of the link with this text, entities decoded. */
function link(html: string, label: string): string | null {
  const m = html.match(new RegExp(`<a [^>]*href="([^"]*)"[^>]*>${label}</a>`));
  return m ? text(m[1]) : null;
}

const PEOPLE = ["u0", "u1", "u2", "u3", "u4"];
const ACTIONS = ["plan-viewed", "plan-changed", "plan-exported", "plan-list"] as const;
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"];

describe("the audit page on a log of 5,000 entries", () => {
  let built: Built;
  let sam: App;
  /** Seq of the first generated entry: the sign-ins before it take the first few. */
  let first: number;
  const N = 5_000;

  beforeAll(async () => {
    built = await buildApp();
    await addUser(built.deps, "supervisor", "sam");
    sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    const start = new Date(built.clock.t);
    first = (await built.deps.audit.lines()).length + 1;
    for (let day = 0; day < DAYS.length; day++) {
      built.clock.t = new Date(`${DAYS[day]}T08:00:00Z`);
      const batch = [];
      for (let i = day * 1000; i < (day + 1) * 1000; i++) {
        batch.push(built.deps.audit.record({ actor: PEOPLE[i % 5], action: ACTIONS[i % 4], record: `plan${i % 50}`, detail: `GET /plans/:id 200 #${i}`, ip: "127.0.0.1" }));
      }
      await Promise.all(batch);
    }
    built.clock.t = start;
  }, 60_000);

  it("shows the 100 newest first, then older ones through a link that goes back", async () => {
    const res = await get(sam, "/audit");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("The log is intact");
    const last = first + N - 1;
    expect(seqs(html)).toEqual(Array.from({ length: 100 }, (_, i) => last - i));
    expect(link(html, "Newer entries")).toBeNull();
    const older = link(html, "Older entries")!;
    expect(older).toContain(`before=${last - 99}`);
    const page2 = await (await get(sam, older)).text();
    expect(seqs(page2)).toEqual(Array.from({ length: 100 }, (_, i) => last - 100 - i));
    const newer = link(page2, "Newer entries")!;
    expect(seqs(await (await get(sam, newer)).text())).toEqual(Array.from({ length: 100 }, (_, i) => last - i));
  });

  it("filters by person, plan, action and dates, and keeps the filters in the links", async () => {
    const html = await (await get(sam, "/audit?actor=u3&action=plan-changed&from=2026-11-21&to=2026-11-22")).text();
    // i % 5 == 3 and i % 4 == 1: i ≡ 13 (mod 20), on days 1 and 2 (i in 1000..2999): 100 entries.
    expect(html).toMatch(/100 matching entries/);
    const shown = rows(html);
    expect(shown).toHaveLength(100);
    for (const row of shown) {
      expect(row).toMatch(/<td>u3<\/td><td>Plan changed<\/td>/);
      expect(row).toMatch(/<time datetime="2026-11-2[12]T/);
    }
    expect(link(html, "Older entries")).toBeNull();

    const plan = await (await get(sam, "/audit?record=plan7&to=2026-11-20")).text();
    // i % 50 == 7 among i in 0..999: 20 entries.
    expect(plan).toMatch(/20 matching entries/);
    expect(rows(plan).every((r) => r.includes("<td>plan7</td>"))).toBe(true);

    const wide = await (await get(sam, "/audit?actor=u1")).text();
    expect(wide).toMatch(/1000 matching entries/);
    const older = link(wide, "Older entries")!;
    expect(new URL(older, "http://x").searchParams.get("actor")).toBe("u1");
    const page2 = await (await get(sam, older)).text();
    expect(rows(page2)).toHaveLength(100);
    expect(rows(page2).every((r) => r.includes("<td>u1</td>"))).toBe(true);
    expect(new URL(link(page2, "Newer entries")!, "http://x").searchParams.get("actor")).toBe("u1");
  });

  it.each([
    ["action=no-such-action", "Choose an action from the list."],
    ["from=2026-02-30", "Give a date as year-month-day, for example 2026-11-24."],
    ["to=24/11/2026", "Give a date as year-month-day, for example 2026-11-24."],
    ["from=2026-11-24&to=2026-11-20", "The start date is after the end date."],
    ["record=%3Cscript%3E", "A record is a plan or account id: letters, digits, - and _."],
    ["actor=" + "x".repeat(200), "Choose a person from the list."],
    ["before=-3", "That page of the log does not exist."],
  ])("answers a bad filter (%s) with 422 and says what is wrong, keeping what was typed", async (query, message) => {
    const res = await get(sam, `/audit?${query}`);
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain(message);
    // A bad page position is not a field of the form: the message alone, with a way back.
    if (!query.startsWith("before")) expect(html).toContain('aria-invalid="true"');
    if (query.startsWith("record")) expect(html).toContain('value="<script>"');
  });
});

describe("the audit page's verdict", () => {
  it("says the log has been tampered with when its last entry is cut off", async () => {
    const built = await buildApp();
    await addUser(built.deps, "supervisor", "sam");
    const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    for (let i = 0; i < 3; i++) await get(built.app, "/caseload");
    expect(text(await (await get(sam, "/audit")).text())).toContain("The log is intact");
    const lines = await built.deps.audit.lines();
    writeFileSync(join(built.dataDir, "audit.log"), lines.slice(0, -1).map((l) => `${l}\n`).join(""));
    const html = text(await (await get(sam, "/audit")).text());
    expect(html).toContain("The log has been tampered with");
    expect(html).toMatch(/were cut off its end/);
    // In the reader's language, with the entry numbers.
    const zh = text(await (await get(sam, "/audit", { headers: { "Accept-Language": "zh-CN" } })).text());
    // (The entries this page view added after the cut break the chain there too: each problem said in Chinese.)
    const problems = [...zh.slice(zh.indexOf("日志已被篡改")).split("</ul>")[0].matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^(第 \d+ 条（共 \d+ 条）：|日志在第 \d+ 条结束)/);
    expect(zh).not.toMatch(/Entry \d+ of|were cut off its end/);
  });

  it("lists every action in the filter", async () => {
    const built = await buildApp();
    await addUser(built.deps, "supervisor", "sam");
    const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    const html = await (await get(sam, "/audit")).text();
    for (const action of AUDIT_ACTIONS) expect(html).toContain(`<option value="${action}"`);
  });
});
