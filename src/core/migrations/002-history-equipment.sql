-- Parkwise schema 2: dated status history, lifecycle events and equipment.
ALTER TABLE space ADD COLUMN status_since TEXT;

CREATE TABLE space_status (
  id             TEXT PRIMARY KEY,
  version        INTEGER NOT NULL DEFAULT 1,
  space_id       TEXT NOT NULL REFERENCES space (id),
  from_status    TEXT,
  to_status      TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  reason         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE lifecycle_event (
  id         TEXT PRIMARY KEY,
  version    INTEGER NOT NULL DEFAULT 1,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  event      TEXT NOT NULL,
  event_date TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE equipment (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL DEFAULT 1,
  park_id      TEXT NOT NULL REFERENCES park (id),
  floor_id     TEXT REFERENCES floor (id),
  space_id     TEXT REFERENCES space (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  category     TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'in_service',
  serial       TEXT NOT NULL DEFAULT '',
  install_date TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (park_id, code)
) STRICT;

UPDATE space SET status_since = substr (created_at, 1, 10);
