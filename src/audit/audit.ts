/**
 * What the app asks of the audit log, whichever keeps it: deps.ts chooses the data folder's file
 * (audit-log.ts's AuditLog) or, with COPLAN_DATABASE_URL, PostgreSQL's tables (pg-audit-log.ts's
 * PgAuditLog, whose appends lock the chain head's row, and which a plan's save can carry its
 * entries into: audited-saves.ts). tests/store/audit.contract.test.ts holds both to the same tests.
 */
import type { AuditEntry, AuditInput } from "./chain.ts";
import type { LogVerdict, scanLog } from "./scan.ts";

export interface Audit {
  /** Appends one entry; resolves once it is written. Entries take their place in the chain in call order. */
  record(input: AuditInput): Promise<AuditEntry>;
  /** A refusal that can come in floods: the first in a minute now, the rest counted into one entry (fold.ts). */
  recordRepeat(input: AuditInput, username?: string): Promise<void>;
  /** Writes the counts of folds whose minute is over (every open fold with `all`). */
  flushRepeats(all?: boolean): Promise<void>;
  /** Checks the whole log against its chain and signed head, handing each readable entry to `visit`. */
  check(visit?: Parameters<typeof scanLog>[2]): Promise<LogVerdict>;
  /** Every entry's stored line, whole: for tests and tools only. */
  lines(): Promise<string[]>;
  /** On shutdown: once everything recorded is written, lets go. */
  close(): Promise<void>;
}
