-- Parkwise schema 16: meters, their replacements and readings, utility tariffs and loss
-- rules (docs/meters.md). The utility engine (docs/utility-rules.md) computes a month's
-- metered charges from these; a bill run bills them as lines with the source
-- "meter:<charge key>". Decimals (multipliers, readings, prices, areas) are exact decimal
-- text; a reading's registers are a JSON object {"total": "1234.5", "peak": …}. A tariff
-- version is kept as JSON text in the form of docs/utility-format.md (tariffs[]).
-- This schema does not depend on the other tables of 13 or 14. Checks of a few values are
-- written with OR rather than IN: SQLite builds a temporary table for every IN list it
-- checks, which a reading import of 100,000 rows would pay for each row.
CREATE TABLE meter (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL DEFAULT 1,
  park_id       TEXT NOT NULL REFERENCES park (id),
  code          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind = 'electricity' OR kind = 'water' OR kind = 'gas'
                OR kind = 'heat' OR kind = 'other'),
  serial        TEXT NOT NULL DEFAULT '',
  location_id   TEXT,                        -- a space, floor or building id
  unit          TEXT NOT NULL DEFAULT '',    -- '' : the kind's usual unit
  ct            TEXT NOT NULL DEFAULT '',    -- "200/5"
  pt            TEXT NOT NULL DEFAULT '',    -- "10000/100"
  multiplier    TEXT NOT NULL DEFAULT '1',
  digits        INTEGER NOT NULL DEFAULT 0,  -- whole digits on the dial; 0 unknown
  decimals      INTEGER NOT NULL DEFAULT 0,
  registers     TEXT NOT NULL DEFAULT '[]',  -- time-of-use registers besides total
  master_id     TEXT REFERENCES meter (id),
  common        INTEGER NOT NULL DEFAULT 0 CHECK (common = 0 OR common = 1),
  customer_id   TEXT REFERENCES customer (id),
  spaces        TEXT NOT NULL DEFAULT '[]',  -- space ids it serves
  area          TEXT NOT NULL DEFAULT '',    -- m², for a loss shared by area
  weight        TEXT NOT NULL DEFAULT '',    -- for a loss shared by weights
  tariff        TEXT NOT NULL DEFAULT '',    -- a tariff code; '' : it only counts
  route_order   INTEGER NOT NULL DEFAULT 0,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (park_id, code)
) STRICT;
CREATE INDEX meter_master ON meter (master_id);
CREATE INDEX meter_route ON meter (park_id, route_order, code);

CREATE TABLE meter_replacement (
  id             TEXT PRIMARY KEY,
  version        INTEGER NOT NULL DEFAULT 1,
  meter_id       TEXT NOT NULL REFERENCES meter (id),
  date           TEXT NOT NULL,
  final_values   TEXT NOT NULL,             -- {"total": …}: the old meter's last reading
  opening_values TEXT NOT NULL,             -- the new meter's first reading
  old_multiplier TEXT NOT NULL,
  old_serial     TEXT NOT NULL DEFAULT '',
  new_serial     TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (meter_id, date)
) STRICT;

CREATE TABLE meter_reading (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  meter_id    TEXT NOT NULL REFERENCES meter (id),
  date        TEXT NOT NULL,
  reg_values  TEXT NOT NULL,                -- {"total": "1234.5", "peak": …}
  rollover    INTEGER NOT NULL DEFAULT 0 CHECK (rollover = 0 OR rollover = 1),
  confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed = 0 OR confirmed = 1),
  read_by     TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT 'hand' CHECK (source = 'hand' OR source = 'import' OR source = 'sync'),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (meter_id, date)
) STRICT;

CREATE TABLE tariff (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  code        TEXT NOT NULL,
  valid_from  TEXT NOT NULL DEFAULT '',     -- '' : always
  kind        TEXT NOT NULL CHECK (kind = 'flat' OR kind = 'tiered' OR kind = 'time_of_use'),
  tax_code    TEXT NOT NULL,
  tax_rate    TEXT NOT NULL,                -- "0.13"
  definition  TEXT NOT NULL,                -- one tariffs[] member of docs/utility-format.md
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (park_id, code, valid_from)
) STRICT;

CREATE TABLE meter_loss (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  master_id   TEXT NOT NULL UNIQUE REFERENCES meter (id),
  basis       TEXT NOT NULL CHECK (basis = 'consumption' OR basis = 'area' OR basis = 'weights'),
  tariff      TEXT NOT NULL DEFAULT '',     -- a flat tariff code; '' : the master's
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
