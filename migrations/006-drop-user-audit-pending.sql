-- users.audit_pending (migration 004) is no longer used: the audit log is in PostgreSQL now
-- (migration 005), so `npm run user:add` records a new account there itself, in the same
-- transaction as the account, instead of leaving its entry for the server to write at the next
-- sign-in. An account still marked when this runs (added by the command line while an older
-- Coplan ran, with no sign-in since) gets no "user-added" entry: an entry cannot be signed into
-- the chain from SQL. Its created_at still says when it was added.
ALTER TABLE users DROP COLUMN audit_pending;
