/**
 * Reading a form from node's request stream (src/http/form.ts): the words as sent, and a clear
 * end when the client has gone, never a request left waiting for ever on a body that cannot come.
 */
import { PassThrough } from "node:stream";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { readForm } from "../../src/http/form.ts";

function contextFor(incoming: PassThrough, length: number): Context {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(length) };
  return { req: { header: (name: string) => headers[name] }, env: { incoming } } as unknown as Context;
}

/** The form, or what it failed with; "still waiting" if it neither resolved nor failed within a second. */
async function outcome(read: Promise<Record<string, string>>): Promise<unknown> {
  const waiting = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1000));
  return Promise.race([read.catch((err: unknown) => err), waiting]);
}

describe("reading a form from the request", () => {
  it("gives the fields exactly as sent, in any script", async () => {
    const body = new URLSearchParams({ clientWords: "أريد أن أبقى في بيتي — 我想留在这里", rev: "3" }).toString();
    const incoming = new PassThrough();
    const read = readForm(contextFor(incoming, Buffer.byteLength(body)));
    incoming.end(body);
    expect(await outcome(read)).toEqual({ clientWords: "أريد أن أبقى في بيتي — 我想留在这里", rev: "3" });
  });

  it("ends with a 400 when the client left before the body was read", async () => {
    const incoming = new PassThrough();
    incoming.write("clientWords=Keep+my+flat");
    incoming.destroy(); // what node's server does to a request whose connection closed: the buffered body goes too
    const result = await outcome(readForm(contextFor(incoming, 24)));
    expect(result).toBeInstanceOf(HTTPException);
    expect((result as HTTPException).status).toBe(400);
  });

  it("ends with a 400 when the client leaves while the body is being read", async () => {
    const incoming = new PassThrough();
    const read = readForm(contextFor(incoming, 100));
    incoming.write("clientWords=Keep+my");
    setTimeout(() => incoming.destroy(), 20);
    const result = await outcome(read);
    expect(result).toBeInstanceOf(HTTPException);
    expect((result as HTTPException).status).toBe(400);
  });
});
