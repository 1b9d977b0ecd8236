-- Parkwise server schema 1: accounts, per-park grants, sessions and the security log.
-- Versioned by meta.server_schema, apart from the ledger's PRAGMA user_version.

CREATE TABLE server_user (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password    TEXT NOT NULL,              -- argon2id encoded hash, never the password
  is_admin    INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at  TEXT NOT NULL,
  disabled_at TEXT
) STRICT;

CREATE TABLE server_grant (
  user_id    TEXT NOT NULL REFERENCES server_user (id),
  park_code  TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'asset_manager', 'leasing_agent',
                                           'finance', 'operations', 'viewer')),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, park_code)
) STRICT;

-- A session is known by the SHA-256 of its token; the token itself is never stored.
CREATE TABLE server_session (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES server_user (id),
  created_us   INTEGER NOT NULL,
  last_used_us INTEGER NOT NULL,
  address      TEXT NOT NULL
) STRICT;
CREATE INDEX server_session_user ON server_session (user_id);

-- Sign-ins, failures, refusals and account changes; never a password or a token.
CREATE TABLE security_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  event     TEXT NOT NULL,
  user_name TEXT,
  address   TEXT,
  detail    TEXT
) STRICT;
