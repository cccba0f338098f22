-- The language each person chose for Coplan's pages (issue 22): a catalog's tag (locales/*.json),
-- or NULL for "the browser's".
ALTER TABLE users ADD COLUMN language text CHECK (length(language) <= 35);
