/**
 * Builds the Hono app from its dependencies (stores, clock, settings). Only server.ts listens;
 * tests build the app over a temp folder and call `app.request()`.
 *
 * Who may reach what is decided here, by route group, so no route can be added without a check:
 * public (sign-in, set-up, the client's review link, static files), signed-in staff, and the
 * per-plan check on every /plans/:id route, fragments included.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { STATIC_DIR } from "./paths.ts";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Deps } from "./deps.ts";
import { loadUser, planAccess, requireRole, requireUser } from "./auth/middleware.ts";
import { auditPlanRequests } from "./audit/plan-requests.ts";
import { csrfProtection } from "./http/csrf.ts";
import { serveAssets } from "./http/serve-assets.ts";
import { refuseControlAddresses } from "./http/controls.ts";
import { RememberingRouter } from "./http/remembering-router.ts";
import { createRenderer } from "./render.ts";
import type { AppEnv } from "./http/app-env.ts";
import { errorResponse, onError } from "./http/errors.ts";
import { chooseLanguage, staffLanguage, useLanguage } from "./http/language.ts";
import { msg } from "./i18n/translator.ts";
import { languageRoutes } from "./routes/language.ts";
import { plansRoutes } from "./routes/plans.ts";
import { conversationRoutes } from "./routes/conversation.ts";
import { signingRoutes } from "./routes/signing.ts";
import { retainerRoutes } from "./routes/retainer.ts";
import { reviewRoutes } from "./routes/review.ts";
import { authRoutes } from "./routes/auth.ts";
import { usersRoutes } from "./routes/users.ts";
import { keysRoutes } from "./routes/keys.ts";
import { accountRoutes } from "./routes/account.ts";
import { caseloadRoutes } from "./routes/caseload.ts";
import { handoverRoutes } from "./routes/handover.ts";
import { auditRoutes } from "./routes/audit.ts";
import { progressRoutes } from "./routes/progress.ts";
import { exportRoutes } from "./routes/exports.ts";
import { coachingRoutes } from "./routes/coaching.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { scorecardRoutes, trainingRoutes } from "./routes/training.ts";
import { practiceRoutes } from "./routes/practice.ts";
import { companionRoutes } from "./routes/companion.ts";
import { companionStaffRoutes } from "./routes/companion-staff.ts";
// zod refusals in plain words, app-wide (where a schema gave no message of its own).
import "./http/plain-errors.ts";

export type { Deps };
export type { AppEnv };

const staticRoot = STATIC_DIR;
/**
 * Set before the route runs, not after: a header added to a finished response makes hono's node
 * adapter rebuild it as a stream, which costs a busy server more than the rest of a page view.
 */
const noStore: MiddlewareHandler = async (c, next) => {
  c.header("Cache-Control", "no-store");
  await next();
};

/** Answers are short texts: 256 KB is far above any real form (a drawn signature is ~30 KB). */
const MAX_BODY = 256 * 1024;
const tooLong = (c: Context) => errorResponse(c as never, 413, msg("error.tooLong"));
const streamedBodyLimit = bodyLimit({ maxSize: MAX_BODY, onError: tooLong });
/**
 * The signing form carries a drawing, bounded at 200 KB of PNG by signing/signature-image.ts. Its
 * base64, URL-encoded, is up to ~290 KB: the form gets room for a drawing somewhat over that limit,
 * so one is refused with a message beside the pad and the typed name kept, not a bare 413.
 */
const MAX_SIGN_BODY = 512 * 1024;
const SIGN_PATH = /^\/plans\/[^/]+\/sign$/;
const streamedSignLimit = bodyLimit({ maxSize: MAX_SIGN_BODY, onError: tooLong });

/**
 * hono's bodyLimit, only where it is needed. It asks for the web Request's body first, which makes
 * @hono/node-server build a web Request and stream for every request, GETs included. A request
 * without a body, or whose Content-Length says how long it is, is decided here from the headers,
 * as bodyLimit would; only a streamed (chunked) body goes through bodyLimit to be counted.
 */
const limitBody: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const sign = SIGN_PATH.test(c.req.path);
  const length = c.req.header("Content-Length");
  if (length !== undefined && !c.req.header("Transfer-Encoding")) return Number(length) > (sign ? MAX_SIGN_BODY : MAX_BODY) ? tooLong(c) : next();
  return (sign ? streamedSignLimit : streamedBodyLimit)(c, next);
};

export function createApp(deps: Deps) {
  const render = createRenderer({ cache: deps.settings.production });
  const app = new Hono<AppEnv>({ router: new RememberingRouter() });

  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("ip", "unknown");
    c.set("user", null);
    c.set("baseRender", render);
    // Every page knows who is signed in (for the header) and its language, without each route
    // passing them. Chosen again once the user is known (their account's language comes first).
    useLanguage(c, staffLanguage(c));
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
  // Nothing here is for search engines: a client's review link or the sign-in page must not be
  // indexed if an address leaks (secureHeaders already sends Referrer-Policy: no-referrer).
  app.use(async (c, next) => {
    c.header("X-Robots-Tag", "noindex, nofollow");
    await next();
  });
  app.use(refuseControlAddresses);
  app.use(...csrfProtection(deps.settings.origin));
  app.use(limitBody);

  // Public: static files, health, sign-in and first-run set-up, the client's review link.
  app.use("/static/*", serveAssets); // from memory, compressed; content-named URLs kept a year
  app.use("/static/*", async (c, next) => {
    c.header("Cache-Control", "public, max-age=3600");
    await next();
  });
  app.use("/static/*", serveStatic({ root: staticRoot, rewriteRequestPath: (p) => p.replace(/^\/static/, "") }));
  app.use("/static/*", async (c) => c.notFound()); // an old or mistyped file name: not a page to sign in for
  app.get("/health", (c) => c.text("ok"));
  app.get("/robots.txt", (c) => c.text("User-agent: *\nDisallow: /\n"));
  // Browsers ask for /favicon.ico on every page (and on PDFs and feeds, which have no <link>): a
  // 404 there is a console error on every visit.
  app.get("/favicon.ico", async (c) => {
    c.header("Content-Type", "image/x-icon");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await readFile(join(staticRoot, "favicon.ico")));
  });

  app.use(loadUser);
  app.use(chooseLanguage);
  app.use(noStore); // pages may hold case data: never keep them in a shared or back-forward cache
  app.route("/", authRoutes());
  app.route("/", languageRoutes());
  app.route("/", reviewRoutes());
  app.route("/", companionRoutes()); // the client's phone: its token opens that plan's companion page only
  app.route("/", calendarRoutes()); // the feed itself is public (token); its settings page is not

  // Staff only from here on.
  app.use("*", requireUser);
  app.route("/", caseloadRoutes());
  app.route("/", trainingRoutes());
  app.route("/", practiceRoutes());
  app.route("/", accountRoutes()); // every role: their own name, role and language
  // In hono "/x/*" also matches "/x" itself, so each group needs one line.
  app.use("/users/*", requireRole("admin"));
  app.route("/users", usersRoutes());
  app.use("/keys/*", requireRole("admin"));
  app.route("/keys", keysRoutes());
  app.use("/audit", requireRole("supervisor", "admin"));
  app.route("/audit", auditRoutes());

  // Plans: case managers and supervisors; each plan only for its case manager and supervisors.
  app.use("/plans/*", requireRole("case-manager", "supervisor", "trainee"));
  app.use("/plans/:id/*", planAccess);
  app.use("/plans/:id/*", auditPlanRequests);
  app.route("/plans", companionStaffRoutes());
  app.route("/plans", retainerRoutes());
  app.route("/plans", handoverRoutes());
  app.route("/plans", progressRoutes());
  app.route("/plans", exportRoutes());
  app.route("/plans", coachingRoutes());
  app.route("/plans", scorecardRoutes());
  app.route("/plans", signingRoutes());
  app.route("/plans", plansRoutes());
  app.route("/plans", conversationRoutes());

  app.notFound((c) => errorResponse(c as never, 404, msg("error.noSuchPage")));
  app.onError(onError as never);
  return app;
}
