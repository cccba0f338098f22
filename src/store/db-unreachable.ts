/**
 * Whether an error means "PostgreSQL cannot be reached right now" (issue 21, database outage), as
 * opposed to a bug or bad data. Those errors get a 503 and a plain message instead of a 500: the
 * person is told nothing saved is lost and to try again in a minute, and the words they typed are
 * kept (src/http/errors.ts). The pool reconnects by itself when next asked, so nothing else is done.
 *
 * Read from the error and every error it was caused by: the store wraps start-up errors
 * (PgPlanStore.init), and node-postgres gives some network errors as they come from node:net.
 */

/**
 * The database's word on it: SQLSTATE class 08 (connection exception), 57P0x (shut down, cannot
 * connect now), and 57014 (cancelled: statement_timeout ended a statement after 5 s, so the database
 * is not answering in time; the transaction was rolled back, and nothing saved is lost).
 */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[1-4]|57014)$/;

/** node:net and node:dns errors: the server refused, dropped, or never answered. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EAI_AGAIN", "ENOTFOUND"]);

/** node-postgres's own words for a lost or never-made connection (it gives these without a code). */
const DRIVER_MESSAGES = [
  /^timeout exceeded when trying to connect$/i, // pg-pool: connectionTimeoutMillis passed
  /^Connection terminated/i, // "Connection terminated unexpectedly", "… due to connection timeout"
  /^Client has encountered a connection error and is not queryable$/i,
  /^Client was closed and is not queryable$/i,
  /^Query read timeout$/i, // query_timeout: no answer at all on an open connection
];

export function isDatabaseUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = err; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNREACHABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
    if (typeof message === "string" && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
    // AggregateError (node's connect to several addresses: ::1 and 127.0.0.1) holds the real causes.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnreachable(inner))) return true;
  }
  return false;
}

/** What a person sees while the database cannot be reached (the wording is issue 21's). */
export const DATABASE_UNREACHABLE_MESSAGE = "Coplan cannot reach its database. Nothing you saved is lost. Try again in a minute.";
