/**
 * The Hono environment every route and middleware shares: what `c.get()` can return.
 * Kept apart from app.ts so route files need not import the module that imports them.
 */
import type { Deps } from "../deps.ts";
import type { User } from "../auth/users.ts";
import type { Render } from "../render.ts";
import type { Translator } from "../i18n/translator.ts";

export type AppEnv = {
  Variables: {
    deps: Deps;
    /** Renders a template with the request's user and language (http/language.ts sets it). */
    render: Render;
    /** The renderer itself, before any request's data: what `render` wraps. */
    baseRender: Render;
    /** The language this response speaks. */
    i18n: Translator;
    user: User | null;
    ip: string;
  };
};
