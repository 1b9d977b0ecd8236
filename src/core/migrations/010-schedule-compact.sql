-- Parkwise schema 10: schedule lines kept small. Half a million lines of ~330 bytes in
-- a table clustered by (contract_id, id) were costly to write; a line is now a row of
-- an ordinary table whose key is its contract's number here (schedule_contract) × 4096
-- plus its place in the schedule, so a schedule is written by appending. It keeps its
-- name-based id as 16 bytes, its dates as days since 1970-01-01, its kind as a number
-- and not its explanation: pw_schedule_explanation() words that again from the charge,
-- period, basis and wording (PW_EXPLAIN_* in pw-schedule.h; 255: form_arg is the
-- sentence itself, as for the lines from before this schema). Its times are its
-- contract version's. The view schedule_line shows the lines as they were, for
-- readers and sync.
CREATE TABLE schedule_contract (
  n           INTEGER PRIMARY KEY,
  contract_id TEXT NOT NULL UNIQUE REFERENCES contract (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE schedule_entry (
  key              INTEGER PRIMARY KEY,  -- schedule_contract.n × 4096 + place
  id               BLOB NOT NULL,
  contract_version INTEGER NOT NULL,
  charge           TEXT NOT NULL,
  kind             INTEGER NOT NULL,     -- PwLineKind: charge, credit, deposit, penalty
  seller           TEXT NOT NULL DEFAULT '',
  period_start     INTEGER NOT NULL,     -- days since 1970-01-01
  period_end       INTEGER NOT NULL,
  bill_date        INTEGER NOT NULL,
  due_date         INTEGER NOT NULL,
  gross            INTEGER NOT NULL,
  net              INTEGER NOT NULL,
  tax              INTEGER NOT NULL,
  basis            TEXT NOT NULL DEFAULT '',
  form             INTEGER NOT NULL DEFAULT 255,
  form_arg         TEXT
) STRICT;

-- a contract's lines go with it
CREATE TRIGGER schedule_contract_delete BEFORE DELETE ON schedule_contract BEGIN
  DELETE FROM schedule_entry WHERE key BETWEEN OLD.n * 4096 AND OLD.n * 4096 + 4095;
END;

INSERT INTO schedule_contract (contract_id)
  SELECT DISTINCT contract_id FROM schedule_line ORDER BY contract_id;
INSERT INTO schedule_entry (key, id, contract_version, charge, kind, seller, period_start,
                            period_end, bill_date, due_date, gross, net, tax, basis, form, form_arg)
  SELECT c.n * 4096 + row_number () OVER (PARTITION BY l.contract_id ORDER BY l.id) - 1,
         pw_uuid_blob (l.id), l.contract_version, l.charge,
         CASE l.kind WHEN 'charge' THEN 0 WHEN 'credit' THEN 1 WHEN 'deposit' THEN 2
                     WHEN 'penalty' THEN 3 END,
         l.seller,
         CAST (julianday (l.period_start) - 2440587.5 AS INTEGER),
         CAST (julianday (l.period_end) - 2440587.5 AS INTEGER),
         CAST (julianday (l.bill_date) - 2440587.5 AS INTEGER),
         CAST (julianday (l.due_date) - 2440587.5 AS INTEGER),
         l.gross, l.net, l.tax, l.basis, 255, l.explanation
    FROM schedule_line l JOIN schedule_contract c ON c.contract_id = l.contract_id;
DROP TABLE schedule_line;

CREATE VIEW schedule_line AS
  SELECT c.contract_id AS contract_id,
         pw_uuid_text (s.id) AS id,
         1 AS version,
         s.contract_version AS contract_version,
         s.charge AS charge,
         CASE s.kind WHEN 0 THEN 'charge' WHEN 1 THEN 'credit' WHEN 2 THEN 'deposit'
                     WHEN 3 THEN 'penalty' END AS kind,
         s.seller AS seller,
         date (s.period_start + 2440587.5) AS period_start,
         date (s.period_end + 2440587.5) AS period_end,
         date (s.bill_date + 2440587.5) AS bill_date,
         date (s.due_date + 2440587.5) AS due_date,
         s.gross AS gross,
         s.net AS net,
         s.tax AS tax,
         s.basis AS basis,
         pw_schedule_explanation (s.charge, s.period_start, s.period_end, s.basis, s.form,
                                  s.form_arg) AS explanation,
         v.created_at AS created_at,
         v.updated_at AS updated_at
    FROM schedule_contract c
    JOIN schedule_entry s ON s.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095
    LEFT JOIN contract_version v ON v.contract_id = c.contract_id AND v.number = s.contract_version;

-- lines written as records (a pull from the server) keep their sentence; one with the
-- id of a line of the contract replaces it, another comes after its last
CREATE TRIGGER schedule_line_insert INSTEAD OF INSERT ON schedule_line BEGIN
  INSERT OR IGNORE INTO schedule_contract (contract_id) VALUES (NEW.contract_id);
  SELECT RAISE (ABORT, 'a schedule of more than 4096 lines')
    FROM schedule_contract c
    WHERE c.contract_id = NEW.contract_id
      AND (SELECT max (s.key) FROM schedule_entry s
           WHERE s.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095) = c.n * 4096 + 4095
      AND NOT EXISTS (SELECT 1 FROM schedule_entry s
                      WHERE s.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095
                        AND s.id = pw_uuid_blob (NEW.id));
  INSERT OR REPLACE INTO schedule_entry (key, id, contract_version, charge, kind, seller,
                                         period_start, period_end, bill_date, due_date, gross,
                                         net, tax, basis, form, form_arg)
    SELECT coalesce ((SELECT s.key FROM schedule_entry s
                      WHERE s.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095
                        AND s.id = pw_uuid_blob (NEW.id)),
                     (SELECT coalesce (max (s.key) + 1, c.n * 4096) FROM schedule_entry s
                      WHERE s.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095)),
           pw_uuid_blob (NEW.id), NEW.contract_version, NEW.charge,
           CASE NEW.kind WHEN 'charge' THEN 0 WHEN 'credit' THEN 1 WHEN 'deposit' THEN 2
                         WHEN 'penalty' THEN 3 END,
           coalesce (NEW.seller, ''),
           CAST (julianday (NEW.period_start) - 2440587.5 AS INTEGER),
           CAST (julianday (NEW.period_end) - 2440587.5 AS INTEGER),
           CAST (julianday (NEW.bill_date) - 2440587.5 AS INTEGER),
           CAST (julianday (NEW.due_date) - 2440587.5 AS INTEGER),
           NEW.gross, NEW.net, NEW.tax, coalesce (NEW.basis, ''), 255,
           coalesce (NEW.explanation, '')
      FROM schedule_contract c WHERE c.contract_id = NEW.contract_id;
END;

CREATE TRIGGER schedule_line_delete INSTEAD OF DELETE ON schedule_line BEGIN
  DELETE FROM schedule_entry
    WHERE key BETWEEN (SELECT n * 4096 FROM schedule_contract WHERE contract_id = OLD.contract_id)
                  AND (SELECT n * 4096 + 4095 FROM schedule_contract
                       WHERE contract_id = OLD.contract_id)
      AND id = pw_uuid_blob (OLD.id);
END;
