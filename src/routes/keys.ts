/**
 * The installation's public signing key, for administrators to hand to whoever must check a
 * retainer without Coplan (`npm run seal:verify -- <file> --public-key key.pem`). Only the public
 * half ever leaves the server; the private key stays in keys/ or COPLAN_SIGNING_KEY.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";

export function keysRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) => {
    const { keyId, publicKeyPem } = c.get("deps").signer;
    return c.html(c.get("render")("pages/keys", { keyId, publicKeyPem }));
  });

  // Public by nature (it only verifies), but the page is an administrator's like the rest of set-up.
  app.get("/public.pem", (c) => {
    const { keyId, publicKeyPem } = c.get("deps").signer;
    c.header("Content-Type", "application/x-pem-file");
    c.header("Content-Disposition", `attachment; filename="coplan-public-key-${keyId}.pem"`);
    return c.body(publicKeyPem);
  });

  return app;
}
