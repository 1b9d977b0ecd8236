-- Parkwise schema 20: a bill run writes its arrears set-based too (docs/receivables.md,
-- "Arrears by space"). While a posting transaction holds a row in receivable_batch
-- (schema 19), the trigger on bill_line that adds each line to arrears_sum leaves the
-- run's lines alone; the post then adds them with one statement over the run's lines,
-- summed per contract, due date and bill date (pw-bill-run-post.c), before it empties
-- receivable_batch again. Every other way a bill line is written still goes through the
-- trigger, which is unchanged otherwise.
-- A key of arrears_open that owes nothing is never written (as ageing_open, schema 19):
-- the run's sums arrive already added up, and a group of lines that nets to zero (a line
-- and its adjustment) or a line of zero must not leave a key at 0 behind.
-- This schema depends on 18 and 19.

DROP TRIGGER arrears_line_insert;
CREATE TRIGGER arrears_line_insert AFTER INSERT ON bill_line
  WHEN NEW.contract_id IS NOT NULL AND NEW.cancelled = 0
       AND NOT EXISTS (SELECT 1 FROM receivable_batch)
BEGIN
  INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)
    SELECT NEW.contract_id, b.due_date, b.bill_date, NEW.gross FROM bill b WHERE b.id = NEW.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

DROP TRIGGER arrears_sum_insert;
CREATE TRIGGER arrears_sum_insert AFTER INSERT ON arrears_sum WHEN NEW.amount <> 0
BEGIN
  INSERT INTO arrears_open (contract_id, due_date, amount)
    VALUES (NEW.contract_id, NEW.due_date, NEW.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

DROP TRIGGER arrears_sum_update;
CREATE TRIGGER arrears_sum_update AFTER UPDATE OF amount ON arrears_sum
  WHEN NEW.amount <> OLD.amount
BEGIN
  INSERT INTO arrears_open (contract_id, due_date, amount)
    VALUES (NEW.contract_id, NEW.due_date, NEW.amount - OLD.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

DELETE FROM arrears_open WHERE amount = 0;
