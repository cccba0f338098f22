/**
 * The last line of defence: an error that escaped every request's handling (thrown from a library's
 * callback, or a promise nobody awaited). Node's default is to end the process, and so every
 * signed-in user's work, for one request's fault: anyone who found such an input could stop the
 * service at will.
 *
 * Coplan logs it and keeps serving. That is safe enough here because nothing half-done is left
 * behind on disk: every write is an atomic file replacement, acknowledged only once it is there,
 * and a request's state lives in that request. What such an error can leave behind is in memory (a
 * lock never released, a timer never cleared), and that can pile up; so past a few in a short time
 * the process stops cleanly (finishes what is in flight, saves, lets go of the data folder) and
 * exits non-zero, for its supervisor (systemd, a container) to start it afresh.
 */
export const MAX_ESCAPED = 10;
export const WINDOW_MS = 60_000;

export function keepServingOnEscapedErrors(opts: { restart: (reason: string) => void; log?: (message: string) => void; now?: () => number }) {
  const log = opts.log ?? ((m: string) => console.error(m));
  const now = opts.now ?? Date.now;
  let times: number[] = [];
  const escaped = (kind: string) => (err: unknown) => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`An error escaped a request (${kind}); Coplan keeps serving. ${detail}`);
    const t = now();
    times = [...times.filter((at) => t - at < WINDOW_MS), t];
    if (times.length >= MAX_ESCAPED) {
      times = [];
      opts.restart(`${MAX_ESCAPED} errors escaped requests within ${WINDOW_MS / 1000} s: stopping cleanly so the supervisor starts Coplan afresh.`);
    }
  };
  process.on("uncaughtException", escaped("uncaught exception"));
  process.on("unhandledRejection", escaped("unhandled rejection"));
}
