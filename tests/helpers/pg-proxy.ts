/**
 * A TCP relay in front of the test database, to stage an outage: stop() refuses new connections and
 * cuts every open one (what a stopped PostgreSQL looks like to Coplan), hang() leaves them open
 * but passes nothing more either way, and takes new ones without ever answering (a server or
 * network that has gone silent), and
 * start() lets them through again on the same port. The database itself, shared with other test files, is
 * never touched.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface PgProxy {
  /** The test database's URL, through the relay. */
  url: string;
  stop(): Promise<void>;
  hang(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function pgProxy(databaseUrl: string): Promise<PgProxy> {
  const target = new URL(databaseUrl);
  const host = target.hostname || "localhost";
  const port = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;

  let hanging = false;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((inbound) => {
        if (hanging) {
          sockets.add(inbound);
          inbound.on("close", () => sockets.delete(inbound));
          inbound.on("error", () => inbound.destroy());
          return; // accepted, and never a byte in answer
        }
        const outbound = createConnection({ host, port });
        for (const sock of [inbound, outbound]) {
          sockets.add(sock);
          sock.on("close", () => sockets.delete(sock));
          sock.on("error", () => {
            inbound.destroy();
            outbound.destroy();
          });
        }
        // Passed on by hand, not piped: while hanging, whatever either side sends is lost.
        inbound.on("data", (d) => hanging || outbound.write(d));
        outbound.on("data", (d) => hanging || inbound.write(d));
      });
      s.once("error", reject);
      s.listen(listenPort, "127.0.0.1", () => {
        listenPort = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  const hang = async () => {
    hanging = true;
  };
  const restart = async () => {
    await stop();
    hanging = false;
    await start();
  };

  await start();
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(listenPort);
  return { url: url.toString(), start: restart, stop, hang, close: stop };
}
