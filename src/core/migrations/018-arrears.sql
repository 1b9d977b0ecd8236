-- Parkwise schema 18: what each contract owes by due date, for the plan's Arrears lens
-- (docs/receivables.md, "Arrears by space"). Derived like ageing's summary (schema 17):
-- kept by the triggers below as bill lines, allocations and credit notes are written or
-- cancelled, local to each store and never synced. Lines without a contract are left out.

-- Σ amounts owed (bill lines +, allocations and approved credit notes −) by the contract
-- a line bills, its bill's due date and the day they count from: the bill date; the
-- payment date or issue date, but not before the bill date (as ageing_sum).
CREATE TABLE arrears_sum (
  contract_id TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  on_date     TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  PRIMARY KEY (contract_id, due_date, on_date)
) STRICT, WITHOUT ROWID;

-- covering: the amounts dated after a day, which an arrears as of that day takes back
CREATE INDEX arrears_sum_on ON arrears_sum (on_date, amount);

-- The same summed over every date: what is open now, by contract and due date; keys
-- that owe nothing are dropped, so an arrears as of today reads only what is open.
CREATE TABLE arrears_open (
  contract_id TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  PRIMARY KEY (contract_id, due_date)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER arrears_sum_insert AFTER INSERT ON arrears_sum
BEGIN
  INSERT INTO arrears_open (contract_id, due_date, amount)
    VALUES (NEW.contract_id, NEW.due_date, NEW.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_sum_update AFTER UPDATE OF amount ON arrears_sum
BEGIN
  INSERT INTO arrears_open (contract_id, due_date, amount)
    VALUES (NEW.contract_id, NEW.due_date, NEW.amount - OLD.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_open_settled AFTER UPDATE OF amount ON arrears_open WHEN NEW.amount = 0
BEGIN
  DELETE FROM arrears_open WHERE contract_id = NEW.contract_id AND due_date = NEW.due_date;
END;

CREATE TRIGGER arrears_line_insert AFTER INSERT ON bill_line
  WHEN NEW.contract_id IS NOT NULL AND NEW.cancelled = 0
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT NEW.contract_id, b.due_date, b.bill_date, NEW.gross FROM bill b WHERE b.id = NEW.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_line_cancel AFTER UPDATE OF cancelled ON bill_line
  WHEN OLD.contract_id IS NOT NULL AND OLD.cancelled = 0 AND NEW.cancelled = 1
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT OLD.contract_id, b.due_date, b.bill_date, -OLD.gross FROM bill b WHERE b.id = OLD.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_line_delete AFTER DELETE ON bill_line
  WHEN OLD.contract_id IS NOT NULL AND OLD.cancelled = 0
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT OLD.contract_id, b.due_date, b.bill_date, -OLD.gross FROM bill b WHERE b.id = OLD.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_allocation_insert AFTER INSERT ON allocation WHEN NEW.cancelled = 0
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (p.paid_on, b.bill_date), -NEW.amount
    FROM bill_line l JOIN bill b ON b.id = l.bill_id JOIN payment p ON p.id = NEW.payment_id
    WHERE l.id = NEW.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_allocation_cancel AFTER UPDATE OF cancelled ON allocation
  WHEN OLD.cancelled = 0 AND NEW.cancelled = 1
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (p.paid_on, b.bill_date), OLD.amount
    FROM bill_line l JOIN bill b ON b.id = l.bill_id JOIN payment p ON p.id = OLD.payment_id
    WHERE l.id = OLD.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_allocation_delete AFTER DELETE ON allocation WHEN OLD.cancelled = 0
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (p.paid_on, b.bill_date), OLD.amount
    FROM bill_line l JOIN bill b ON b.id = l.bill_id JOIN payment p ON p.id = OLD.payment_id
    WHERE l.id = OLD.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_credit_insert AFTER INSERT ON credit_note WHEN NEW.status = 'approved'
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (NEW.issued_on, b.bill_date), -NEW.gross
    FROM bill_line l JOIN bill b ON b.id = l.bill_id
    WHERE l.id = NEW.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_credit_approve AFTER UPDATE OF status ON credit_note
  WHEN OLD.status != 'approved' AND NEW.status = 'approved'
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (NEW.issued_on, b.bill_date), -NEW.gross
    FROM bill_line l JOIN bill b ON b.id = l.bill_id
    WHERE l.id = NEW.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER arrears_credit_delete AFTER DELETE ON credit_note WHEN OLD.status = 'approved'
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT l.contract_id, b.due_date, max (OLD.issued_on, b.bill_date), OLD.gross
    FROM bill_line l JOIN bill b ON b.id = l.bill_id
    WHERE l.id = OLD.bill_line_id AND l.contract_id IS NOT NULL
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- what was written before this schema (arrears_sum_insert keeps arrears_open)
INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
  SELECT contract_id, due_date, on_date, sum (amount) FROM (
    SELECT l.contract_id, b.due_date, b.bill_date AS on_date, l.gross AS amount
    FROM bill_line l JOIN bill b ON b.id = l.bill_id
    WHERE l.contract_id IS NOT NULL AND l.cancelled = 0
    UNION ALL
    SELECT l.contract_id, b.due_date, max (p.paid_on, b.bill_date), -a.amount
    FROM allocation a JOIN bill_line l ON l.id = a.bill_line_id JOIN bill b ON b.id = l.bill_id
    JOIN payment p ON p.id = a.payment_id
    WHERE a.cancelled = 0 AND l.contract_id IS NOT NULL
    UNION ALL
    SELECT l.contract_id, b.due_date, max (n.issued_on, b.bill_date), -n.gross
    FROM credit_note n JOIN bill_line l ON l.id = n.bill_line_id JOIN bill b ON b.id = l.bill_id
    WHERE n.status = 'approved' AND l.contract_id IS NOT NULL)
  GROUP BY 1, 2, 3;
DELETE FROM arrears_open WHERE amount = 0;
