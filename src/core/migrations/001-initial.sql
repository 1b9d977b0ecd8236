-- Parkwise schema 1: the asset ledger's core records, the audit trail and the outbox.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE park (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL DEFAULT 1,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  code_pattern TEXT NOT NULL DEFAULT '{building}-{floor}-{seq:3}',
  currency     TEXT NOT NULL DEFAULT 'CNY',
  address      TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE building (
  id         TEXT PRIMARY KEY,
  version    INTEGER NOT NULL DEFAULT 1,
  park_id    TEXT NOT NULL REFERENCES park (id),
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'office',
  address    TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (park_id, code)
) STRICT;

CREATE TABLE floor (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  building_id TEXT NOT NULL REFERENCES building (id),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  level       INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (building_id, code)
) STRICT;

-- Areas are hundredths of a square metre.
CREATE TABLE space (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL DEFAULT 1,
  park_id       TEXT NOT NULL REFERENCES park (id),
  floor_id      TEXT NOT NULL REFERENCES floor (id),
  code          TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'available',
  gross_area    INTEGER NOT NULL DEFAULT 0 CHECK (gross_area >= 0),
  internal_area INTEGER NOT NULL DEFAULT 0 CHECK (internal_area >= 0),
  usable_area   INTEGER NOT NULL DEFAULT 0 CHECK (usable_area >= 0),
  leasable      INTEGER NOT NULL DEFAULT 1,
  takes_share   INTEGER NOT NULL DEFAULT 1,
  pool_level    TEXT,
  area_basis    TEXT NOT NULL DEFAULT 'gross',
  outline       TEXT,
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (park_id, code)
) STRICT;

CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op        TEXT NOT NULL,
  before    TEXT,
  after     TEXT,
  mid       INTEGER NOT NULL
) STRICT;

-- Mutations waiting to be pushed to a Parkwise server, numbered per installation.
CREATE TABLE outbox (
  mid          INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL,
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  op           TEXT NOT NULL,
  fields       TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;
