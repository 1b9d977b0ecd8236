-- Parkwise schema 9: synchronisation with a Parkwise server (docs/sync-protocol.md).
-- On a desktop: what became of each outbox row, the cursor (meta 'sync_cursor') and the
-- conflicts and rejections waiting for the user. On a server: the change log, the
-- clients and the results of the mutations they pushed, and a version per field.
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
  CHECK (state IN ('pending', 'applied', 'conflict', 'rejected'));
-- the server's change number once applied: the row goes when a pull has brought it back
ALTER TABLE outbox ADD COLUMN seq INTEGER;
CREATE INDEX outbox_entity ON outbox (entity_id, state);

CREATE TABLE sync_conflict (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('conflict', 'rejected')),
  mid          INTEGER NOT NULL UNIQUE,
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  op           TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  mine         TEXT NOT NULL,
  theirs       TEXT,
  fields       TEXT NOT NULL DEFAULT '[]',
  reason       TEXT NOT NULL,
  message      TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
) STRICT;

-- records a bootstrap in progress has brought; the rest go when it ends
CREATE TABLE sync_seen (
  entity_id TEXT NOT NULL,
  entity    TEXT NOT NULL,
  PRIMARY KEY (entity_id, entity)
) STRICT, WITHOUT ROWID;

-- Server: every change to a synced record, numbered; record is its JSON after the
-- change (for a delete, its key). Written by triggers pw_sync_server_init() installs.
CREATE TABLE sync_change (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  park_id   TEXT,
  record    TEXT
) STRICT;
CREATE INDEX sync_change_park ON sync_change (park_id, seq);
CREATE INDEX sync_change_entity ON sync_change (entity_id, entity);
CREATE INDEX sync_change_at ON sync_change (at);

CREATE TABLE sync_client (
  client_id  TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  last_mid   INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_applied (
  client_id TEXT NOT NULL,
  mid       INTEGER NOT NULL,
  result    TEXT NOT NULL,
  PRIMARY KEY (client_id, mid)
) STRICT, WITHOUT ROWID;

-- the version of a record at which each field last changed, and which client changed it
CREATE TABLE sync_field_version (
  entity_id TEXT NOT NULL,
  entity    TEXT NOT NULL,
  field     TEXT NOT NULL,
  version   INTEGER NOT NULL,
  client_id TEXT,
  PRIMARY KEY (entity_id, entity, field)
) STRICT, WITHOUT ROWID;

-- the client whose push is being applied (NULL: a change made on the server itself)
CREATE TABLE sync_context (
  one       INTEGER PRIMARY KEY CHECK (one = 1),
  client_id TEXT
) STRICT;
INSERT INTO sync_context (one, client_id) VALUES (1, NULL);
