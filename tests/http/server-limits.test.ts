/**
 * The listening server's limits for slow and greedy connections (src/http/listen.ts), checked on a
 * real socket: node's defaults let a client hold a connection for minutes while trickling headers.
 */
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { listen, SERVER_LIMITS } from "../../src/http/listen.ts";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(): Promise<{ server: Server; port: number }> {
  const app = new Hono().get("/", (c) => c.text("ok"));
  return new Promise((resolve) => {
    const s = listen(app.fetch, { port: 0, host: "127.0.0.1" }, (info: AddressInfo) => resolve({ server: s as Server, port: info.port })) as Server;
    server = s;
  });
}

/** Sends raw bytes and collects what comes back until the server closes the connection. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let got = "";
    socket.on("data", (d) => (got += d));
    socket.on("end", () => resolve(got));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

describe("the server's connection limits", () => {
  it("sets headers, request and keep-alive timeouts well below node's defaults", async () => {
    const { server } = await start();
    expect(server.headersTimeout).toBe(SERVER_LIMITS.headersTimeout);
    expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeout);
    expect(server.keepAliveTimeout).toBe(SERVER_LIMITS.keepAliveTimeout);
    expect(server.headersTimeout).toBeLessThan(60_000); // node's default
    expect(server.requestTimeout).toBeLessThan(300_000); // node's default
  });

  it("answers 431 to headers over 8 KB without running the app", async () => {
    const { port } = await start();
    const reply = await exchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(12 * 1024)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
  });

  it("still serves an ordinary request", async () => {
    const { port } = await start();
    const reply = await exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply).toContain("ok");
  });
});
