-- Parkwise schema 17: receivables (docs/receivables.md). Payments recorded by hand and
-- their allocations to bill lines; credit notes and waivers against billed lines; the
-- park's allocation order; approval rules gain the metric credit_amount (a credit note
-- above it needs that rule's approval, as quotes and contracts do). Money is INTEGER
-- minor units. receivable_line and ageing_sum are derived here by triggers (never
-- synced): what each bill line is owed by, and the amounts by customer, building,
-- charge, due date and the day they count from, so that ageing reads a summary.
-- This schema depends on 14 (bills) only.

ALTER TABLE park ADD COLUMN allocation_order TEXT NOT NULL DEFAULT 'principal_first'
  CHECK (allocation_order IN ('principal_first', 'fees_first'));

-- approval_rule is rebuilt to admit the new metric; its approvals keep pointing at it
-- (the rows come back with their ids before COMMIT checks the deferred keys).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE approval_rule_copy AS SELECT * FROM approval_rule;
DROP TABLE approval_rule;
CREATE TABLE approval_rule (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL DEFAULT 1,
  park_id       TEXT NOT NULL REFERENCES park (id),
  metric        TEXT NOT NULL
                CHECK (metric IN ('discount_pct', 'rent_free_months', 'credit_amount')),
  threshold     TEXT NOT NULL,
  approver_role TEXT NOT NULL CHECK (approver_role IN ('asset_manager', 'general_manager')),
  level         INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (park_id, metric, approver_role)
) STRICT;
INSERT INTO approval_rule (id, version, park_id, metric, threshold, approver_role, level,
                           created_at, updated_at)
  SELECT id, version, park_id, metric, threshold, approver_role, level, created_at, updated_at
  FROM approval_rule_copy;
DROP TABLE approval_rule_copy;
CREATE INDEX approval_rule_park ON approval_rule (park_id, metric);

CREATE TABLE payment (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  customer_id TEXT NOT NULL REFERENCES customer (id),
  paid_on     TEXT NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount > 0),
  currency    TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('cash', 'cheque', 'pos', 'transfer', 'online')),
  reference   TEXT NOT NULL DEFAULT '',
  designation TEXT NOT NULL DEFAULT '[]',   -- the bill numbers the payer named, in order
  note        TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'undone')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payment_customer ON payment (customer_id, paid_on);
CREATE INDEX payment_park ON payment (park_id, paid_on);

CREATE TABLE allocation (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL DEFAULT 1,
  payment_id   TEXT NOT NULL REFERENCES payment (id),
  bill_line_id TEXT NOT NULL REFERENCES bill_line (id),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX allocation_payment ON allocation (payment_id);
CREATE INDEX allocation_line ON allocation (bill_line_id) WHERE cancelled = 0;

CREATE TABLE credit_note (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL DEFAULT 1,
  park_id      TEXT NOT NULL REFERENCES park (id),
  number       TEXT NOT NULL,
  bill_line_id TEXT NOT NULL REFERENCES bill_line (id),
  kind         TEXT NOT NULL CHECK (kind IN ('credit', 'waiver')),
  gross        INTEGER NOT NULL CHECK (gross > 0),
  net          INTEGER NOT NULL,
  tax          INTEGER NOT NULL,
  tax_rate     TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'approved', 'rejected')),
  approvals    TEXT NOT NULL DEFAULT '[]',  -- as a contract's (docs/approvals.md)
  approval_ref TEXT NOT NULL DEFAULT '',
  issued_on    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (park_id, number)
) STRICT;
CREATE INDEX credit_note_line ON credit_note (bill_line_id);

-- ---- derived: what ageing reads --------------------------------------------------

-- A bill line's customer, building (the first by code of its contract's spaces, when it
-- was billed), charge and due date: fixed when the line is written, as the bill is.
CREATE TABLE receivable_line (
  line_id     TEXT PRIMARY KEY,
  park_id     TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  building    TEXT NOT NULL,
  charge      TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  bill_date   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX receivable_line_customer ON receivable_line (customer_id, due_date);

-- Σ amounts owed (bill lines +, allocations and approved credit notes −) by the day they
-- count from: the bill date; the payment date or issue date, but not before the bill date
-- (money paid before a bill is the customer's credit until then).
CREATE TABLE ageing_sum (
  park_id     TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  building    TEXT NOT NULL,
  charge      TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  on_date     TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  PRIMARY KEY (park_id, customer_id, building, charge, due_date, on_date)
) STRICT, WITHOUT ROWID;

-- covering (the key columns come with it): an ageing as of an earlier date reads what is
-- dated after it from this index alone
CREATE INDEX ageing_sum_on ON ageing_sum (park_id, on_date, amount);

-- The same summed over every date: what is open now. Keys that owe nothing are
-- dropped, so an ageing as of today reads only what is open; one as of an earlier
-- date takes back what is dated after it (pw-receivables-ledger.c).
CREATE TABLE ageing_open (
  park_id     TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  building    TEXT NOT NULL,
  charge      TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  PRIMARY KEY (park_id, customer_id, building, charge, due_date)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER ageing_sum_insert AFTER INSERT ON ageing_sum
BEGIN
  INSERT INTO ageing_open (park_id, customer_id, building, charge, due_date, amount)
    VALUES (NEW.park_id, NEW.customer_id, NEW.building, NEW.charge, NEW.due_date, NEW.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER ageing_sum_update AFTER UPDATE OF amount ON ageing_sum
BEGIN
  INSERT INTO ageing_open (park_id, customer_id, building, charge, due_date, amount)
    VALUES (NEW.park_id, NEW.customer_id, NEW.building, NEW.charge, NEW.due_date,
            NEW.amount - OLD.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER ageing_open_settled AFTER UPDATE OF amount ON ageing_open WHEN NEW.amount = 0
BEGIN
  DELETE FROM ageing_open WHERE park_id = NEW.park_id AND customer_id = NEW.customer_id
    AND building = NEW.building AND charge = NEW.charge AND due_date = NEW.due_date;
END;

CREATE TRIGGER receivable_line_insert AFTER INSERT ON bill_line
BEGIN
  INSERT OR REPLACE INTO receivable_line (line_id, park_id, customer_id, building, charge,
                                          due_date, bill_date)
    SELECT NEW.id, b.park_id, b.customer_id,
           coalesce ((SELECT min (bd.code) FROM contract_space cs JOIN space s ON s.id = cs.space_id
                      JOIN floor f ON f.id = s.floor_id JOIN building bd ON bd.id = f.building_id
                      WHERE cs.contract_id = NEW.contract_id), ''),
           NEW.charge, b.due_date, b.bill_date
    FROM bill b WHERE b.id = NEW.bill_id;
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, bill_date, NEW.gross
    FROM receivable_line WHERE line_id = NEW.id AND NEW.cancelled = 0
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER receivable_line_cancel AFTER UPDATE OF cancelled ON bill_line
  WHEN OLD.cancelled = 0 AND NEW.cancelled = 1
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, bill_date, -OLD.gross
    FROM receivable_line WHERE line_id = OLD.id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER receivable_line_delete AFTER DELETE ON bill_line
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, bill_date, -OLD.gross
    FROM receivable_line WHERE line_id = OLD.id AND OLD.cancelled = 0
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
  DELETE FROM receivable_line WHERE line_id = OLD.id;
END;

CREATE TRIGGER allocation_ageing_insert AFTER INSERT ON allocation WHEN NEW.cancelled = 0
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date, max (p.paid_on, r.bill_date), -NEW.amount
    FROM receivable_line r JOIN payment p ON p.id = NEW.payment_id WHERE r.line_id = NEW.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER allocation_ageing_cancel AFTER UPDATE OF cancelled ON allocation
  WHEN OLD.cancelled = 0 AND NEW.cancelled = 1
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date, max (p.paid_on, r.bill_date), OLD.amount
    FROM receivable_line r JOIN payment p ON p.id = OLD.payment_id WHERE r.line_id = OLD.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER allocation_ageing_delete AFTER DELETE ON allocation WHEN OLD.cancelled = 0
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date, max (p.paid_on, r.bill_date), OLD.amount
    FROM receivable_line r JOIN payment p ON p.id = OLD.payment_id WHERE r.line_id = OLD.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER credit_note_ageing_insert AFTER INSERT ON credit_note WHEN NEW.status = 'approved'
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, max (NEW.issued_on, bill_date), -NEW.gross
    FROM receivable_line WHERE line_id = NEW.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER credit_note_ageing_approve AFTER UPDATE OF status ON credit_note
  WHEN OLD.status != 'approved' AND NEW.status = 'approved'
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, max (NEW.issued_on, bill_date), -NEW.gross
    FROM receivable_line WHERE line_id = NEW.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER credit_note_ageing_delete AFTER DELETE ON credit_note WHEN OLD.status = 'approved'
BEGIN
  INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
    SELECT park_id, customer_id, building, charge, due_date, max (OLD.issued_on, bill_date), OLD.gross
    FROM receivable_line WHERE line_id = OLD.bill_line_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- bills posted before this schema
INSERT INTO receivable_line (line_id, park_id, customer_id, building, charge, due_date, bill_date)
  SELECT l.id, b.park_id, b.customer_id,
         coalesce ((SELECT min (bd.code) FROM contract_space cs JOIN space s ON s.id = cs.space_id
                    JOIN floor f ON f.id = s.floor_id JOIN building bd ON bd.id = f.building_id
                    WHERE cs.contract_id = l.contract_id), ''),
         l.charge, b.due_date, b.bill_date
  FROM bill_line l JOIN bill b ON b.id = l.bill_id;
INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)
  SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date, r.bill_date, sum (l.gross)
  FROM receivable_line r JOIN bill_line l ON l.id = r.line_id WHERE l.cancelled = 0
  GROUP BY 1, 2, 3, 4, 5, 6;
