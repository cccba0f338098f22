/**
 * Builds the Hono app from its dependencies (store, clock, settings). Only server.ts listens; tests
 * build the app over a store in a temp folder and call `app.request()`.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Settings } from "./settings.ts";
import type { PlanStore } from "./store/plan-store.ts";
import { createRenderer, type Render } from "./render.ts";
import { errorResponse, onError } from "./http/errors.ts";
import { plansRoutes } from "./routes/plans.ts";
import { conversationRoutes } from "./routes/conversation.ts";
import { signingRoutes } from "./routes/signing.ts";
import { retainerRoutes } from "./routes/retainer.ts";
import { reviewRoutes } from "./routes/review.ts";

export interface Deps {
  store: PlanStore;
  now: () => Date;
  settings: Readonly<Settings>;
}

export type AppEnv = { Variables: { deps: Deps; render: Render } };

const staticRoot = fileURLToPath(new URL("../static", import.meta.url));
const require = createRequire(import.meta.url);
/** Browser libraries served straight from their npm packages, so they always match the installed version. */
const VENDOR: Record<string, string> = {
  "/static/htmx.min.js": require.resolve("htmx.org/dist/htmx.min.js"),
  // signature_pad's "exports" hide its dist folder; find it beside the package's entry point.
  "/static/vendor/signature_pad.js": join(dirname(require.resolve("signature_pad")), "signature_pad.umd.min.js"),
};

export function createApp(deps: Deps) {
  const render = createRenderer({ cache: deps.settings.production });
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("render", render);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    }),
  );
  // Same-origin form posts only (Origin / Sec-Fetch-Site), so another site cannot post answers.
  app.use(csrf());
  // Answers are short texts: 256 KB is far above any real form and stops a flood early.
  app.use(bodyLimit({ maxSize: 256 * 1024, onError: (c) => errorResponse(c as never, 413, "That answer is too long to send. Please shorten it.") }));

  for (const [path, file] of Object.entries(VENDOR)) {
    app.get(path, async (c) => {
      c.header("Content-Type", "text/javascript; charset=utf-8");
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(await readFile(file));
    });
  }
  app.use("/static/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "public, max-age=3600");
  });
  app.use("/static/*", serveStatic({ root: staticRoot, rewriteRequestPath: (p) => p.replace(/^\/static/, "") }));

  // Case data must not linger in shared caches or the back-forward cache of a shared computer.
  app.use("/plans/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.use("/plans", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.get("/", (c) => c.redirect("/plans", 302));
  app.get("/health", (c) => c.text("ok"));
  app.route("/plans", plansRoutes());
  app.route("/plans", retainerRoutes());
  app.route("/plans", signingRoutes());
  app.route("/plans", conversationRoutes());
  app.use("/r/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.use("/review/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.route("/", reviewRoutes());
  app.notFound((c) => errorResponse(c as never, 404, "There is no page at this address."));
  app.onError(onError as never);
  return app;
}
