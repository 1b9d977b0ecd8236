-- Parkwise schema 14: bill runs, bills and bill lines (docs/billing.md). A bill run
-- turns the schedule lines whose bill date falls in a period into bills, one per
-- customer, seller and due date. A bill line names its source ("schedule:<schedule
-- line id>", "adjust:<contract version id>:<original source>"; "meter:" is kept for
-- metered charges) and the original source it bills; a source is billed at most once
-- among the lines of bills that are not cancelled (bill_line_source). Money is INTEGER
-- minor units; tax rates are decimal text ("0.09"). This schema does not depend on 13.
CREATE TABLE bill_run (
  id         TEXT PRIMARY KEY,
  version    INTEGER NOT NULL DEFAULT 1,
  park_id    TEXT NOT NULL REFERENCES park (id),
  period     TEXT NOT NULL,               -- YYYY-MM
  filters    TEXT NOT NULL DEFAULT '{}',  -- {"buildings": [...], "customers": [...], "charges": [...]}
  posted_by  TEXT NOT NULL DEFAULT '',
  posted_at  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX bill_run_park ON bill_run (park_id, period);

CREATE TABLE bill (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  run_id      TEXT NOT NULL REFERENCES bill_run (id),
  number      TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customer (id),
  seller      TEXT NOT NULL,
  seller_name TEXT NOT NULL DEFAULT '',
  currency    TEXT NOT NULL,
  bill_date   TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  period      TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'draft'
              CHECK (status IN ('draft', 'held', 'released', 'sent', 'cancelled')),
  net         INTEGER NOT NULL,
  tax         INTEGER NOT NULL,
  gross       INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (park_id, number)
) STRICT;
CREATE INDEX bill_run_bills ON bill (run_id);
CREATE INDEX bill_customer ON bill (customer_id, bill_date);
CREATE INDEX bill_period ON bill (park_id, period, status);

CREATE TABLE bill_line (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL DEFAULT 1,
  bill_id      TEXT NOT NULL REFERENCES bill (id),
  source       TEXT NOT NULL,
  origin       TEXT NOT NULL,             -- the schedule source an adjustment corrects; else source
  contract_id  TEXT REFERENCES contract (id),
  contract_version INTEGER NOT NULL DEFAULT 0, -- the contract's current version when billed
  charge       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  net          INTEGER NOT NULL,
  tax          INTEGER NOT NULL,
  gross        INTEGER NOT NULL,
  tax_rate     TEXT NOT NULL DEFAULT '',
  explanation  TEXT NOT NULL DEFAULT '',
  cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX bill_line_bill ON bill_line (bill_id);
CREATE INDEX bill_line_origin ON bill_line (origin) WHERE cancelled = 0;
-- which contracts changed since their lines were billed (pw-bill-run-adjust.c)
CREATE INDEX bill_line_contract ON bill_line (contract_id, charge, contract_version)
  WHERE cancelled = 0;
CREATE INDEX bill_line_cancelled ON bill_line (contract_id) WHERE cancelled = 1;
-- a source is billed once by the bills that stand; a cancelled bill frees its sources
CREATE UNIQUE INDEX bill_line_source ON bill_line (source) WHERE cancelled = 0;
