/** Reads a posted form as plain strings; a file upload or repeated field is bad input, not a crash. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { RevField } from "../plans/forms.ts";

export async function readForm(c: Context): Promise<Record<string, string>> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new HTTPException(400, { message: "The form could not be read. Please try again." });
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== "string") throw new HTTPException(400, { message: "This form takes text only." });
    out[key] = value;
  }
  return out;
}

/** The plan version the form was built from; missing or mangled means the page is out of date. */
export function readRev(form: Record<string, string>): number {
  const rev = RevField.safeParse(form.rev);
  if (!rev.success) throw new HTTPException(400, { message: "This form is missing its plan version. Reload the page and try again." });
  return rev.data;
}

export function isHtmx(c: Context): boolean {
  return c.req.header("HX-Request") === "true";
}
