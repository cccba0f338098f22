/** Issue 19, item 9: browsers ask every page for /favicon.ico; a 404 there is a console error each visit. */
import { describe, expect, it } from "vitest";
import { buildApp, get } from "../helpers/app.ts";

describe("the favicon", () => {
  it("is served at /favicon.ico without a session, as an icon the CSP allows ('self')", async () => {
    const { raw } = await buildApp();
    const res = await get(raw, "/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/x-icon");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.readUInt16LE(2)).toBe(1); // an ICO file holding icons
    expect(bytes.length).toBeGreaterThan(22);
  });

  it("is named by every page's layout, so the browser never guesses", async () => {
    const { app, raw } = await buildApp();
    for (const html of [await (await get(raw, "/signin")).text(), await (await get(app, "/caseload")).text()]) {
      expect(html).toContain('<link rel="icon" href="/favicon.ico"');
    }
  });
});
