/**
 * The Hono environment every route and middleware shares: what `c.get()` can return.
 * Kept apart from app.ts so route files need not import the module that imports them.
 */
import type { Deps } from "../deps.ts";
import type { User } from "../auth/users.ts";
import type { Render } from "../render.ts";

export type AppEnv = { Variables: { deps: Deps; render: Render; user: User | null; ip: string } };
