-- Which code made each row's summary (a hash of it: saved-index.ts, summaryCodeKey). When that
-- code changes (a new field in the caseload list), a summary written by the old code could lack
-- or misstate a field; start-up makes those again from their documents. '' = not known: remade.
ALTER TABLE plans ADD COLUMN summary_code text NOT NULL DEFAULT '';
