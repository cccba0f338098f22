/**
 * LISTEN for plan changes on a PostgreSQL connection of its own, outside the pool (a pooled
 * connection is handed to other work, and LISTEN belongs to a session). Each NOTIFY on the channel
 * (sent by PgPlanStore in the transaction of the change, so it arrives only if that committed) is
 * passed on as (id, rev).
 *
 * While the connection is down, notifications are lost: the owner is told (onLost) so it trusts
 * nothing it holds in memory, and told again (onListening) once a new connection LISTENs, from
 * which moment it can trust what it reads. Reconnects by itself, waiting a little longer each time
 * (up to 5 s), until close().
 *
 * A connection can also die without a word (a firewall or NAT forgetting an idle connection): then
 * no notification would ever come, and the owner would trust stale plans for good. So the
 * connection is asked a trivial question every few seconds, and one not answered in time (the
 * pool's 5 s query_timeout) counts as lost.
 */
import pg from "pg";
import { parsePlanPayload, PLAN_CHANNEL } from "./plan-events.ts";

export interface PlanListenerHandlers {
  onChange(id: string, rev: number): void;
  onListening(): void;
  onLost(): void;
}

const RETRY_MS = [250, 500, 1000, 2000, 5000];
/** How often the listening connection is checked (see above). */
const HEARTBEAT_MS = 10_000;

export class PgPlanListener {
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  /** `config`: the pool's own connection settings (pool.options), so both reach the same database. */
  constructor(
    private readonly config: pg.ClientConfig,
    private readonly handlers: PlanListenerHandlers,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  start(): void {
    if (this.closed || this.client) return;
    // With TCP keep-alive too, so the operating system notices a dead peer even between checks.
    const client = new pg.Client({ ...this.config, keepAlive: true });
    this.client = client;
    let lost = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const lose = (why: string) => {
      if (lost) return;
      lost = true;
      clearInterval(heartbeat);
      if (this.client === client) this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (this.closed) return;
      this.handlers.onLost();
      const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
      if (this.failures === 1) console.error(`Coplan stopped hearing other processes' plan changes (${why}); reconnecting.`);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.start();
      }, wait);
      this.timer.unref();
    };
    // Unhandled, a connection's 'error' would end the process.
    client.on("error", (err) => lose(err.message));
    client.on("end", () => lose("the connection ended"));
    client.on("notification", (msg) => {
      if (msg.channel !== PLAN_CHANNEL) return;
      const change = parsePlanPayload(msg.payload);
      if (change) this.handlers.onChange(change.id, change.rev);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${PLAN_CHANNEL}`))
      .then(() => {
        if (lost || this.closed) return;
        // The listening connection alone must not keep a finished command (npm run user:add) running.
        socketOf(client)?.unref?.();
        if (this.failures > 0) console.error("Coplan hears other processes' plan changes again.");
        this.failures = 0;
        heartbeat = setInterval(() => {
          client.query("SELECT 1").catch((err: Error) => lose(`no answer to a check: ${err.message}`));
        }, this.heartbeatMs);
        heartbeat.unref();
        this.handlers.onListening();
      })
      .catch((err: Error) => lose(err.message));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (!client) return;
    // Held again until it has ended: unheld, a command awaiting this would end with its work undone.
    socketOf(client)?.ref?.();
    await client.end().catch(() => {});
  }
}

/** node-postgres's socket under a client (not in its typings). */
function socketOf(client: pg.Client): { ref?: () => void; unref?: () => void } | undefined {
  return (client as unknown as { connection?: { stream?: { ref?: () => void; unref?: () => void } } }).connection?.stream;
}
