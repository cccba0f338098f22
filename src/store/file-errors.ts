/**
 * Why a stored file is refused. Each stops start-up (or that one request) with a message for the
 * operator that names the file and says what to do; Coplan never reads past one, nor overwrites
 * it, except where the journal holds a newer acknowledged version of that plan (see replay).
 */

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
    message = `The stored file ${file} cannot be read (${cause instanceof Error ? cause.message : String(cause)}). ` +
      "Coplan will not overwrite it. Restore it from a backup or move it aside, then start again.",
  ) {
    super(message);
    this.name = "CorruptFileError";
  }
}

/**
 * With a key set, a plain file is refused rather than read: anyone who can write the data folder
 * could otherwise put a plan of their own making in place of an encrypted one.
 */
export class PlaintextFileError extends CorruptFileError {
  constructor(file: string) {
    super(file, null,
      `The stored file ${file} is not encrypted, but COPLAN_ENCRYPTION_KEY is set. Coplan will not read plain files ` +
      "while a key is set. If this store was made before the key was, stop Coplan and run `npm run store:encrypt` " +
      "with the same COPLAN_ENCRYPTION_KEY to encrypt it in place; otherwise move the file aside and restore it from a backup.");
    this.name = "PlaintextFileError";
  }
}

/** A file that holds another plan than the one its name (or its journal line) says: copied over it. */
export class MisplacedFileError extends CorruptFileError {
  constructor(file: string, expected: string, found: string) {
    super(file, null,
      `The stored file ${file} holds plan ${found}, not plan ${expected}: another plan's file was copied over it. ` +
      "Coplan will not read it. Restore the file from a backup or move it aside, then start again.");
    this.name = "MisplacedFileError";
  }
}

/** A plan file older than the plan's last saved revision: an earlier copy was put back. */
export class RolledBackFileError extends CorruptFileError {
  constructor(file: string, id: string, rev: number, latest: number) {
    super(file, null,
      `The stored file ${file} holds revision ${rev} of plan ${id}, but Coplan has saved revision ${latest}: ` +
      "an older copy of the file was put back. Coplan will not read it. If you restored it from a backup on purpose, " +
      "stop Coplan, delete plans-index.json in the data folder (it records each plan's last revision) and start again.");
    this.name = "RolledBackFileError";
  }
}
