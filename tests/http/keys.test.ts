import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, signIn, text } from "../helpers/app.ts";
import { keyIdOf, parsePublicKey } from "../../src/signing/keys.ts";

describe("the public signing key", () => {
  it("is shown with its key id and downloaded as PEM by an administrator", async () => {
    const built = await buildApp();
    await addUser(built.deps, "admin", "ada");
    const ada = await signIn(built.raw, "ada");
    const page = await get(built.raw, "/keys", { cookie: ada });
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain(built.deps.signer.keyId);
    expect(html).toContain('href="/keys/public.pem"');
    expect(html).not.toContain("PRIVATE KEY");

    const pem = await get(built.raw, "/keys/public.pem", { cookie: ada });
    expect(pem.status).toBe(200);
    expect(pem.headers.get("Content-Type")).toBe("application/x-pem-file");
    expect(pem.headers.get("Content-Disposition")).toBe(`attachment; filename="coplan-public-key-${built.deps.signer.keyId}.pem"`);
    const body = await pem.text();
    expect(body).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keyIdOf(parsePublicKey(body))).toBe(built.deps.signer.keyId);
  });

  it("is an administrator's page only", async () => {
    const built = await buildApp();
    await addUser(built.deps, "supervisor", "sam");
    const sam = await signIn(built.raw, "sam");
    for (const path of ["/keys", "/keys/public.pem"]) {
      expect((await get(built.app, path)).status, `case manager, ${path}`).toBe(403);
      expect((await get(built.raw, path, { cookie: sam })).status, `supervisor, ${path}`).toBe(403);
      const anonymous = await get(built.raw, path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("Location")).toContain("/signin");
    }
  });
});
