import { describe, expect, it } from "vitest";
import { PRACTICES, practiceKeys } from "../../src/practice/practices.ts";
import { translator } from "../../src/i18n/translator.ts";
import { buildApp, get, text } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";

describe("the practice behind the coaching", () => {
  it("has a section for every practice, and every finding on a plan links to its own section", async () => {
    const { app, store, user } = await buildApp();
    const page = await get(app, "/practice");
    expect(page.status).toBe(200);
    const html = text(await page.text());
    const en = translator("en", "UTC");
    for (const ref of PRACTICES) {
      expect(html).toContain(`id="${ref}"`);
      expect(html).toContain(en.t(practiceKeys(ref).title));
    }
    const plan = await planAtReview(store, user.id);
    const planHtml = text(await (await get(app, `/plans/${plan.id}`)).text());
    const links = [...planHtml.matchAll(/href="\/practice#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const ref of links) expect(PRACTICES).toContain(ref);
  });
});
