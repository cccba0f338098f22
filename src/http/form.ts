/** Reads a posted form as plain strings; a file upload or repeated field is bad input, not a crash. */
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { RevField } from "../plans/forms.ts";
import { cleanText } from "./controls.ts";
import { msgText } from "../i18n/translator.ts";

const URLENCODED = /^application\/x-www-form-urlencoded(;|$)/i;

/** Fields kept exactly as typed: a password is a secret to compare, not words to tidy. */
const VERBATIM = new Set(["password", "confirm"]);

/**
 * Every posted field, as text, with control characters removed and line breaks made LF (see
 * controls.ts): the one place form input is read, so no route can store a stray control character.
 */
export function readForm(c: Context): Promise<Record<string, string>> {
  // Read once per request, and kept: the body can be read only once, and the error page of a
  // database outage gives the person back what they sent (errors.ts, sentForm).
  // Keyed by the request's Context, not c.req.raw: asking for the web Request makes the node
  // adapter build one (and a stream for its body), which every answer would then pay for.
  let read = forms.get(c);
  if (!read) forms.set(c, (read = readCleanForm(c)));
  return read.then((form) => ({ ...form })); // each caller its own copy to change
}

const forms = new WeakMap<Context, Promise<Record<string, string>>>();

/**
 * What this request posted, for an error page to give back: the form as read (or read now, if the
 * error came before the route read it), or nothing if it is not a readable form.
 */
export async function sentForm(c: Context): Promise<Record<string, string>> {
  if (c.req.method !== "POST") return {};
  return readForm(c).catch(() => ({}));
}

async function readCleanForm(c: Context): Promise<Record<string, string>> {
  const raw = await readRaw(c);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = cleanText(key);
    out[name] = VERBATIM.has(name) ? value : cleanText(value);
  }
  return out;
}

async function readRaw(c: Context): Promise<Record<string, string>> {
  if (URLENCODED.test(c.req.header("Content-Type") ?? "")) return readUrlEncoded(c);
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new HTTPException(400, { message: msgText("form.unreadable") });
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== "string") throw new HTTPException(400, { message: msgText("form.textOnly") });
    out[key] = value;
  }
  return out;
}

/**
 * Every form Coplan sends is URL-encoded: read those with URLSearchParams, as hono's parseBody
 * would but without building a FormData through undici, a noticeable part of each answer's cost.
 * Same result: the last of a repeated field wins, and a "name[]" field is not text.
 */
async function readUrlEncoded(c: Context): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await bodyText(c);
  } catch {
    throw new HTTPException(400, { message: msgText("form.unreadable") });
  }
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key.endsWith("[]")) throw new HTTPException(400, { message: msgText("form.textOnly") });
    out[key] = value;
  }
  return out;
}

/**
 * The body as text. Under @hono/node-server, straight from node's request when it carries a
 * Content-Length (which the body limit has already checked): going through c.req builds a web
 * Request and a stream around it first, several per cent of an answer's cost. In-process requests
 * (tests), bodies without a length, and bodies already read go through c.req as before.
 */
function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead || !c.req.header("Content-Length")) return c.req.text();
  // A request whose client has gone is destroyed, buffered body and all: it never ends.
  if (incoming.destroyed) return Promise.reject(new Error("the client closed the connection"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
    incoming.on("close", () => {
      if (!incoming.readableEnded) reject(new Error("the client closed the connection"));
    });
  });
}

/** The plan version the form was built from; missing or mangled means the page is out of date. */
export function readRev(form: Record<string, string>): number {
  const rev = RevField.safeParse(form.rev);
  if (!rev.success) throw new HTTPException(400, { message: msgText("form.missingRev") });
  return rev.data;
}

export function isHtmx(c: Context): boolean {
  return c.req.header("HX-Request") === "true";
}
