import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { describe, expect, it } from "vitest";
import { KEPT, LONGEST, RememberingRouter } from "../../src/http/remembering-router.ts";

/** What hono's app hands its router for each route. */
type Handler = Parameters<NonNullable<NonNullable<ConstructorParameters<typeof Hono>[0]>["router"]>["add"]>[2];

/** A small app with the shapes Coplan's routes have: middleware layers, a static segment beside a parameter. */
function routes(router: RememberingRouter<Handler> | TrieRouter<Handler>) {
  const app = new Hono({ router });
  app.use(async (_c, next) => next());
  app.use("/plans/*", async (_c, next) => next());
  app.get("/plans/new", (c) => c.text("new"));
  app.get("/plans/:id", (c) => c.text(`plan ${c.req.param("id")}`));
  app.post("/plans/:id/goals/:goalId", (c) => c.text(`goal ${c.req.param("goalId")} of ${c.req.param("id")}`));
  return app;
}

describe("the remembering router", () => {
  it("answers every request as hono's trie router does, the second time from memory", async () => {
    const remembering = new RememberingRouter<Handler>();
    const mine = routes(remembering);
    const trie = routes(new TrieRouter());
    const asks: [string, string][] = [
      ["GET", "/plans/new"],
      ["GET", "/plans/abc"],
      ["GET", "/plans/def"],
      ["POST", "/plans/abc/goals/g1"],
      ["POST", "/plans/def/goals/g2"],
      ["GET", "/nowhere"],
    ];
    for (const round of [1, 2]) {
      for (const [method, path] of asks) {
        const a = await mine.request(path, { method });
        const b = await trie.request(path, { method });
        expect([a.status, await a.text()], `${method} ${path}, round ${round}`).toEqual([b.status, await b.text()]);
      }
    }
    expect(remembering.size).toBe(asks.length);
  });

  it("keeps at most KEPT answers, and none for a path longer than LONGEST", () => {
    const router = new RememberingRouter<string>();
    router.add("GET", "/plans/:id", "plan");
    for (let i = 0; i < KEPT + 50; i++) expect(router.match("GET", `/plans/p${i}`)[0]).toHaveLength(1);
    expect(router.size).toBe(KEPT);
    const long = `/plans/${"x".repeat(LONGEST)}`;
    expect(router.match("GET", long)[0]).toHaveLength(1);
    expect(router.size).toBe(KEPT);
  });

  it("forgets what it kept when a route is added", () => {
    const router = new RememberingRouter<string>();
    router.add("GET", "/plans/:id", "plan");
    expect(router.match("GET", "/plans/new")[0]).toHaveLength(1);
    router.add("GET", "/plans/new", "new");
    expect(router.match("GET", "/plans/new")[0].map(([h]) => h)).toEqual(["plan", "new"]);
  });
});
