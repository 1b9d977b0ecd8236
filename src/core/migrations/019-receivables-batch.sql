-- Parkwise schema 19: a bill run writes its receivables set-based (docs/receivables.md,
-- "How the summaries are kept"). While a posting transaction holds a row in
-- receivable_batch, the trigger on bill_line leaves the run's lines alone; the post then
-- writes their receivable_line rows and their ageing sums with one statement each over
-- the run's lines (pw-bill-run-post.c) and empties the table again before COMMIT. Every
-- other way a bill line is written (sync, tests, older code) still goes through the
-- trigger, which is unchanged otherwise.
-- The outbox is rebuilt with its state check written as comparisons: SQLite builds a
-- temporary table for an IN list of more than two values in a CHECK on every row it
-- writes, and every mutation writes an outbox row. Same columns, rows and index.
-- This schema depends on 17 and 9.

-- empty outside a posting transaction; never synced
CREATE TABLE receivable_batch (
  one INTEGER PRIMARY KEY CHECK (one = 1)
) STRICT;

DROP TRIGGER receivable_line_insert;
CREATE TRIGGER receivable_line_insert AFTER INSERT ON bill_line
  WHEN NOT EXISTS (SELECT 1 FROM receivable_batch)
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

-- A key of ageing_open that owes nothing is never written: the run's sums arrive
-- already added up, and a group of lines that nets to zero (a line and its
-- adjustment) or a line of zero must not leave a key at 0 behind.
DROP TRIGGER ageing_sum_insert;
CREATE TRIGGER ageing_sum_insert AFTER INSERT ON ageing_sum WHEN NEW.amount <> 0
BEGIN
  INSERT INTO ageing_open (park_id, customer_id, building, charge, due_date, amount)
    VALUES (NEW.park_id, NEW.customer_id, NEW.building, NEW.charge, NEW.due_date, NEW.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
DROP TRIGGER ageing_sum_update;
CREATE TRIGGER ageing_sum_update AFTER UPDATE OF amount ON ageing_sum
  WHEN NEW.amount <> OLD.amount
BEGIN
  INSERT INTO ageing_open (park_id, customer_id, building, charge, due_date, amount)
    VALUES (NEW.park_id, NEW.customer_id, NEW.building, NEW.charge, NEW.due_date,
            NEW.amount - OLD.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
DELETE FROM ageing_open WHERE amount = 0;

CREATE TABLE outbox_rebuilt (
  mid          INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL,
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  op           TEXT NOT NULL,
  fields       TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending'
               CHECK (state = 'pending' OR state = 'applied' OR state = 'conflict'
                      OR state = 'rejected'),
  -- the server's change number once applied: the row goes when a pull has brought it back
  seq          INTEGER
) STRICT;
INSERT INTO outbox_rebuilt (mid, client_id, entity, entity_id, op, fields, base_version,
                            created_at, state, seq)
  SELECT mid, client_id, entity, entity_id, op, fields, base_version, created_at, state, seq
  FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_entity ON outbox (entity_id, state);
