-- An account added by `npm run user:add` while Coplan ran: the command cannot write the audit
-- log (the running server holds it, in the data folder), so the server writes the "user-added"
-- entry for it at the next sign-in, before the account can do anything (src/routes/auth.ts).
ALTER TABLE users ADD COLUMN audit_pending boolean NOT NULL DEFAULT false;
