-- Parkwise server schema 2: a grant names its park by id, never by code.
-- A park's code may be changed by its asset manager; a grant keyed by code moved to
-- whichever park held the code. A grant is now bound to a park's id. A grant given for
-- a code no park holds yet stays pending under that code and is bound to the park later
-- *created* with it (the trigger server_grant_bind, installed by pw_server_db_open); a
-- park renamed to that code never takes it (docs/server.md, "Grants").

CREATE TABLE server_grant_new (
  user_id      TEXT NOT NULL REFERENCES server_user (id),
  park_id      TEXT,                      -- the park's id; NULL while pending
  pending_code TEXT,                      -- the code given; NULL once bound
  role         TEXT NOT NULL CHECK (role IN ('admin', 'asset_manager', 'leasing_agent',
                                             'finance', 'operations', 'viewer')),
  granted_at   TEXT NOT NULL,
  CHECK ((park_id IS NULL) <> (pending_code IS NULL)),
  UNIQUE (user_id, park_id),
  UNIQUE (user_id, pending_code)
) STRICT;

-- each grant binds to the park that holds its code now (by code first, then by id);
-- one naming no park stays pending; of two grants that reach one park the newest stays
INSERT OR IGNORE INTO server_grant_new (user_id, park_id, pending_code, role, granted_at)
  SELECT g.user_id,
         coalesce ((SELECT p.id FROM park p WHERE p.code = g.park_code),
                   (SELECT p.id FROM park p WHERE p.id = g.park_code)),
         CASE WHEN EXISTS (SELECT 1 FROM park p WHERE p.code = g.park_code OR p.id = g.park_code)
              THEN NULL ELSE g.park_code END,
         g.role, g.granted_at
  FROM server_grant g ORDER BY g.granted_at DESC;

DROP TABLE server_grant;
ALTER TABLE server_grant_new RENAME TO server_grant;
