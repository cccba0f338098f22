-- Accounts, sessions, the sign-in throttle and password-reset links: the PostgreSQL counterparts
-- of users.json, the in-memory session and throttle maps, and password-resets/ in the data folder
-- (src/store/pg-users.ts, pg-sessions.ts, pg-throttle.ts, pg-reset-links.ts). Kept here, every
-- Coplan process on the database, and `npm run user:add`, see the same ones.

-- Staff accounts. `seq` keeps the order they were added in, as users.json does.
CREATE TABLE users (
  id                  text        PRIMARY KEY,
  seq                 bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
  username            text        NOT NULL UNIQUE,
  display_name        text        NOT NULL,
  role                text        NOT NULL CHECK (role IN ('case-manager', 'supervisor', 'admin', 'trainee')),
  password_hash       text        NOT NULL,
  disabled            boolean     NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  -- SHA-256 of the private calendar feed token, while the person is subscribed.
  calendar_token_hash text
);

-- Sessions, by the SHA-256 of the cookie's token: the token itself is never stored, so a dump
-- of the database signs nobody in. Idle and absolute expiry are checked in the query that
-- touches a session, against the application's clock.
CREATE TABLE sessions (
  token_hash    text        PRIMARY KEY,
  user_id       text        NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_last_seen_at ON sessions (last_seen_at);

-- The sign-in throttle's counts (src/auth/throttle.ts): one row per hashed key (an address and
-- an account together, an address, an account). Times are milliseconds since 1970 by the
-- application's clock. A row untouched for longer than the throttle's window holds nothing that
-- still counts, and is deleted: that keeps the table bounded.
CREATE TABLE sign_in_throttle (
  key          text    PRIMARY KEY,
  failures     bigint[] NOT NULL DEFAULT '{}',
  -- When each attempt still in progress was reserved.
  pending      bigint[] NOT NULL DEFAULT '{}',
  last_slowed  bigint,
  updated_at   bigint  NOT NULL
);
CREATE INDEX sign_in_throttle_updated_at ON sign_in_throttle (updated_at);

-- One-time password-reset links, by the SHA-256 of the token (src/auth/password-reset.ts).
-- `claimed` is set by the one request that uses the link, while it saves the new password.
CREATE TABLE reset_links (
  token_hash     text        PRIMARY KEY,
  user_id        text        NOT NULL,
  issued_by      text        NOT NULL,
  issued_at      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  audit_pending  boolean     NOT NULL DEFAULT false,
  claimed        boolean     NOT NULL DEFAULT false
);
CREATE INDEX reset_links_user_id ON reset_links (user_id);
