/**
 * The practice behind the coaching, one page for every signed-in staff member: each practice a
 * finding links to (/practice#goals.smart), in plain words, with the rules that apply it. So a
 * supervisor reading a finding can see in one place why it was raised.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { PRACTICES, RULE_PRACTICE, practiceKeys } from "../practice/practices.ts";

export function practiceRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/practice", (c) => {
    const rules = Object.entries(RULE_PRACTICE);
    const practices = PRACTICES.map((ref) => ({ ref, ...practiceKeys(ref), rules: rules.filter(([, r]) => r === ref).map(([rule]) => rule) }));
    return c.html(c.get("render")("pages/practice", { practices }));
  });
  return app;
}
