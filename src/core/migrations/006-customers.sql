-- Parkwise schema 6: customers and their contacts, prospects with viewings and quotes,
-- and the approval rules a quote passes. Decimals are text ("3.2000", "12.50"), never
-- REAL; lists (tags, space ids) are JSON arrays as text.
CREATE TABLE customer (
  id         TEXT PRIMARY KEY,
  version    INTEGER NOT NULL DEFAULT 1,
  park_id    TEXT NOT NULL REFERENCES park (id),
  kind       TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),
  name       TEXT NOT NULL,
  uscc       TEXT,
  industry   TEXT NOT NULL DEFAULT '',
  tags       TEXT NOT NULL DEFAULT '[]',
  risk_level TEXT CHECK (risk_level IS NULL OR risk_level IN ('low', 'medium', 'high')),
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE contact (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  customer_id TEXT NOT NULL REFERENCES customer (id),
  name        TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE prospect (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  customer_id TEXT REFERENCES customer (id),
  name        TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  stage       TEXT NOT NULL DEFAULT 'lead'
              CHECK (stage IN ('lead', 'viewing', 'quoted', 'negotiating', 'won', 'lost')),
  agent       TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE viewing (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  prospect_id TEXT NOT NULL REFERENCES prospect (id),
  date        TEXT NOT NULL,
  agent       TEXT NOT NULL DEFAULT '',
  spaces      TEXT NOT NULL DEFAULT '[]',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- unit_rent and list_price per m² per month; discount_pct = (list − unit) ÷ list × 100,
-- rounded half-up to two places and kept by the ledger, never typed in.
CREATE TABLE quote (
  id               TEXT PRIMARY KEY,
  version          INTEGER NOT NULL DEFAULT 1,
  prospect_id      TEXT NOT NULL REFERENCES prospect (id),
  spaces           TEXT NOT NULL,
  unit_rent        TEXT NOT NULL,
  rent_free_months INTEGER NOT NULL DEFAULT 0 CHECK (rent_free_months >= 0),
  term_months      INTEGER NOT NULL CHECK (term_months > 0),
  list_price       TEXT NOT NULL,
  discount_pct     TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE approval_rule (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL DEFAULT 1,
  park_id       TEXT NOT NULL REFERENCES park (id),
  metric        TEXT NOT NULL CHECK (metric IN ('discount_pct', 'rent_free_months')),
  threshold     TEXT NOT NULL,
  approver_role TEXT NOT NULL CHECK (approver_role IN ('asset_manager', 'general_manager')),
  level         INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (park_id, metric, approver_role)
) STRICT;

CREATE TABLE approval (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL DEFAULT 1,
  quote_id      TEXT NOT NULL REFERENCES quote (id),
  rule_id       TEXT NOT NULL REFERENCES approval_rule (id),
  approver_role TEXT NOT NULL CHECK (approver_role IN ('asset_manager', 'general_manager')),
  level         INTEGER NOT NULL DEFAULT 1,
  decision      TEXT NOT NULL DEFAULT 'pending'
                CHECK (decision IN ('pending', 'approved', 'rejected')),
  actor         TEXT,
  comment       TEXT NOT NULL DEFAULT '',
  decided_at    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX customer_park ON customer (park_id, name);
CREATE INDEX contact_customer ON contact (customer_id);
CREATE INDEX prospect_park ON prospect (park_id);
CREATE INDEX viewing_prospect ON viewing (prospect_id, date);
CREATE INDEX quote_prospect ON quote (prospect_id);
CREATE INDEX approval_rule_park ON approval_rule (park_id, metric);
CREATE INDEX approval_quote ON approval (quote_id, level);
