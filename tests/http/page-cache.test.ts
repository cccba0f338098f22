import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { addUser, buildApp, createPlanViaForm, get, ORIGIN, post, revOf, signIn, text, withCookie } from "../helpers/app.ts";
import { signedPlan } from "../helpers/signed.ts";
import { planAtReview } from "../helpers/plans.ts";

// The conversation page is served from memory between changes: these are the changes a person
// would see go missing if it were served stale.
describe("the conversation page kept in memory", () => {
  it("shows an answer the moment it is saved, from any route", async () => {
    const { app } = await buildApp();
    const id = await createPlanViaForm(app);
    const first = await (await get(app, `/plans/${id}`)).text();
    expect(text(first)).not.toContain("Keep my flat near the school");
    await get(app, `/plans/${id}`); // a second view, from memory
    const answer = await post(app, `/plans/${id}/goals`, { rev: revOf(first), issue: "Housing at risk", clientWords: "Keep my flat near the school" });
    expect(answer.status).toBe(303);
    expect(text(await (await get(app, `/plans/${id}`)).text())).toContain("Keep my flat near the school");
  });

  it("names whoever is looking, not whoever looked first", async () => {
    const built = await buildApp();
    const plan = await planAtReview(built.store, built.user.id);
    expect(text(await (await get(built.app, `/plans/${plan.id}`)).text())).toContain(built.user.displayName);
    await addUser(built.deps, "supervisor", "sam");
    const sam = withCookie(built.raw, await signIn(built.raw, "sam"));
    const page = text(await (await get(sam, `/plans/${plan.id}`)).text());
    expect(page).toContain("Sam");
    expect(page).toContain("All caseloads"); // the supervisor's own links
    expect(page).not.toContain(built.user.displayName);
  });

  it("shows a review link as expired once it has, with no change to the plan", async () => {
    const clock = { t: new Date("2026-11-24T10:00:00Z") };
    const { app, raw, store, user } = await buildApp(undefined, clock);
    const plan = await signedPlan(store, user.id);
    const made = await post(app, `/plans/${plan.id}/review-links`, { rev: String(plan.rev), days: "7" });
    expect(made.status).toBe(201);
    clock.t = new Date("2026-12-01T09:59:00Z"); // a minute before it expires, the same day as after
    const again = withCookie(raw, await signIn(raw, user.username)); // a week on, the first session has ended
    expect(text(await (await get(again, `/plans/${plan.id}`)).text())).toContain("works until 1 December 2026");
    clock.t = new Date("2026-12-01T10:00:01Z");
    const later = text(await (await get(again, `/plans/${plan.id}`)).text());
    expect(later).not.toContain("works until");
    expect(later).toMatch(/Created 24 November 2026, expired/);
  });

  it("sends the page brotli-compressed to a browser that takes it, else gzipped, else plain: the same page each way", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const plain = await app.request(`${ORIGIN}/plans/${plan.id}`);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    const html = await plain.text();
    const sizes: Record<string, number> = {};
    const cases: [accept: string, encoding: string | null][] = [
      ["gzip, deflate, br, zstd", "br"], // a browser over https
      ["br;q=1.0, gzip;q=0.8", "br"],
      ["br", "br"],
      ["gzip, deflate", "gzip"], // the same browser over plain http
      ["gzip, br;q=0", "gzip"],
      ["gzip;q=0", null],
      ["identity", null],
    ];
    for (const [accept, encoding] of cases) {
      const res = await app.request(`${ORIGIN}/plans/${plan.id}`, { headers: { "Accept-Encoding": accept } });
      expect(res.headers.get("Content-Encoding"), accept).toBe(encoding);
      expect(res.headers.get("Vary")).toContain("Accept-Encoding");
      const bytes = Buffer.from(await res.arrayBuffer());
      const decoded = encoding === "br" ? brotliDecompressSync(bytes) : encoding === "gzip" ? gunzipSync(bytes) : bytes;
      expect(decoded.toString("utf8"), accept).toBe(html);
      if (encoding) sizes[encoding] = bytes.length;
    }
    expect(sizes.gzip).toBeLessThan(Buffer.byteLength(html) / 3);
    expect(sizes.br).toBeLessThan(sizes.gzip); // fewer bytes on a phone's connection
  });
});
