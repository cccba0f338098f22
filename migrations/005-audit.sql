-- The audit log and its signed head in PostgreSQL (src/audit/pg-audit-log.ts): the counterparts of
-- audit.log and audit-head.json in the data folder, shared by every Coplan process on the database.
--
-- One row per entry. `entry` is the entry exactly as the file log keeps one line of it: its JSON,
-- `hash` included, as chain.ts reads and hashes it (ChainChecker.add(entry)). Text, not jsonb:
-- jsonb would reorder members and normalise numbers, and the bytes must come back as written, so
-- an entry changed in the database shows. `seq` is the entry's place in the log, from 1: the
-- entry's own "seq" in an intact log. A file log copied in (npm run store:migrate) goes in line
-- by line, line N at seq N, whatever the line holds, so its chain verifies (or breaks) exactly
-- as it did in the file.
CREATE TABLE audit_log (
  seq    bigint  PRIMARY KEY CHECK (seq >= 1),
  entry  text    NOT NULL
);

-- The chain's signed head: one row, always there. Every append takes it FOR UPDATE first, so
-- appends from all processes queue on it and the chain never forks; the new entries and the head
-- signed over the last of them commit together. `head` is the signed head as head.ts makes it
-- (its JSON: v, seq, hash, since, at, keyId, sig), or NULL while none has been signed (a new log,
-- or one copied in without a head: signed from its end on, `since` = that end).
CREATE TABLE audit_head (
  id    boolean  PRIMARY KEY DEFAULT true CHECK (id),
  head  text
);
INSERT INTO audit_head (id, head) VALUES (true, NULL);
