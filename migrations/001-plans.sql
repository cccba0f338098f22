-- Plans, one row each: the PostgreSQL counterpart of the embedded store's plans/<id>.json.
--
-- `document` is the stored plan exactly as the store encodes it: its JSON, or, when
-- COPLAN_ENCRYPTION_KEY is set, the AES-256-GCM envelope bound to the plan's id and revision
-- (src/store/encryption.ts). Text rather than jsonb for that reason: the database never reads
-- inside a plan, and the bytes come back as written. Earlier signed versions live inside the
-- document (its `history`), as in the embedded store.
--
-- `summary` is what the caseload lists show (client name, step, dates), encoded the same way, so
-- listing needs no plan document and an encrypted store names no client in the clear.
-- owner_id and practice are in the clear: access checks read them without decrypting anything.
CREATE TABLE plans (
  id          text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{16}$'),
  rev         integer     NOT NULL CHECK (rev >= 1),
  owner_id    text,
  practice    boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  document    text        NOT NULL,
  summary     text        NOT NULL
);

-- The caseload: newest change first.
CREATE INDEX plans_updated_at ON plans (updated_at DESC);
