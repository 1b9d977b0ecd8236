-- Parkwise schema 7: lease contracts. A contract's terms are versions of its JSON form
-- (docs/contract-format.md), each from an effective date; the spaces it holds are rows
-- of their own, so that two contracts holding one space for overlapping dates can be
-- found and refused; its schedule lines are named by (contract, charge, period), so a
-- re-run replaces them instead of adding more.
CREATE TABLE contract (
  id              TEXT PRIMARY KEY,
  version         INTEGER NOT NULL DEFAULT 1,
  park_id         TEXT NOT NULL REFERENCES park (id),
  code            TEXT NOT NULL,
  customer_id     TEXT REFERENCES customer (id),
  status          TEXT NOT NULL DEFAULT 'draft',
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  signed_date     TEXT,
  ended_date      TEXT,
  current_version INTEGER NOT NULL DEFAULT 1,
  notes           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (park_id, code)
) STRICT;

CREATE TABLE contract_version (
  id             TEXT PRIMARY KEY,
  version        INTEGER NOT NULL DEFAULT 1,
  contract_id    TEXT NOT NULL REFERENCES contract (id),
  number         INTEGER NOT NULL CHECK (number >= 1),
  effective_date TEXT NOT NULL,
  terms          TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (contract_id, number)
) STRICT;

CREATE TABLE contract_space (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  contract_id TEXT NOT NULL REFERENCES contract (id),
  space_id    TEXT NOT NULL REFERENCES space (id),
  start_date  TEXT NOT NULL,
  end_date    TEXT NOT NULL,
  area        INTEGER NOT NULL CHECK (area >= 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (contract_id, space_id)
) STRICT;
CREATE INDEX contract_space_space ON contract_space (space_id);

-- Amounts in minor units of the park's currency. Schedule lines are derived records,
-- written with their contract (whose ids are time-ordered), so they are kept clustered
-- by contract: writing a contract's lines appends instead of scattering them.
CREATE TABLE schedule_line (
  contract_id      TEXT NOT NULL REFERENCES contract (id),
  id               TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  contract_version INTEGER NOT NULL,
  charge           TEXT NOT NULL,
  kind             TEXT NOT NULL,
  seller           TEXT NOT NULL DEFAULT '',
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL,
  bill_date        TEXT NOT NULL,
  due_date         TEXT NOT NULL,
  gross            INTEGER NOT NULL,
  net              INTEGER NOT NULL,
  tax              INTEGER NOT NULL,
  basis            TEXT NOT NULL DEFAULT '',
  explanation      TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (contract_id, id)
) STRICT, WITHOUT ROWID;
