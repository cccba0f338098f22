/**
 * The one PostgreSQL connection pool of a process (node-postgres), made in deps.ts from settings.
 *
 * No request may wait more than 5 s on the database (issue 21): a connection that cannot be made
 * in 5 s fails, and so does a statement that runs longer. synchronous_commit is set on explicitly,
 * whatever the server's default, because an answer is acknowledged to the user only once its
 * transaction has committed: with it off, a crash of PostgreSQL could lose acknowledged answers.
 */
import pg from "pg";

/** How long a request may wait for a connection, and a statement may run (ms). */
export const DB_WAIT_MS = 5_000;

export interface PoolOptions {
  /** The schema tables live in (tests give each run a fresh one); else the role's default search_path. */
  schema?: string;
  /** Connections at most: node-postgres's default is 10. */
  max?: number;
}

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  // Server options for each connection, as libpq's `options` (-c name=value), set at connect time
  // so no statement ever runs under another setting. The URL may carry options of its own (say,
  // `?options=-c search_path=coplan`): node-postgres would let them replace ours, so they are
  // taken out of the URL and put first, and ours after them, where PostgreSQL lets the last win.
  const { connectionString, urlOptions } = splitOptions(url);
  const server = [...(urlOptions ? [urlOptions] : []), "-c synchronous_commit=on"];
  if (options.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`Not a schema name Coplan makes: ${options.schema}`);
    server.push(`-c search_path=${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: DB_WAIT_MS,
    statement_timeout: DB_WAIT_MS,
    // statement_timeout is the server's: a server or network that has gone silent never sends its
    // answer, so the client gives up itself at the same time (and the pool drops that connection).
    query_timeout: DB_WAIT_MS,
    // A transaction left open (a bug, a stuck request) must not hold its row locks for ever.
    idle_in_transaction_session_timeout: 2 * DB_WAIT_MS,
    options: server.join(" "),
    // Idle connections alone do not keep a command (npm run user:add) running once its work is done.
    allowExitOnIdle: true,
  });
  // An idle connection that breaks (PostgreSQL restarted, network lost) emits 'error' on the pool;
  // unhandled, that would end the process. The pool drops the connection and makes a new one when
  // next asked, so the process only logs it.
  pool.on("error", (err) => console.error(`A PostgreSQL connection was lost (Coplan reconnects when next needed): ${err.message}`));
  return pool;
}

function splitOptions(url: string): { connectionString: string; urlOptions?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url }; // node-postgres says what is wrong with it, on first use
  }
  const urlOptions = parsed.searchParams.get("options") ?? undefined;
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), urlOptions };
}

/**
 * Runs `work` in one transaction on one connection taken from the pool: BEGIN, the work, COMMIT;
 * ROLLBACK if anything throws. Resolves only once COMMIT has returned (with synchronous_commit
 * on: once the commit is durable). Never through pool.query, which may use another connection for
 * each statement.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch((rollbackErr: Error) => {
        broken = rollbackErr; // the connection is unusable: do not hand it to the next request
      });
      throw err;
    }
  } finally {
    client.release(broken);
  }
}
