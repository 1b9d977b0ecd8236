-- Parkwise schema 10: schedule lines kept small. Half a million lines of ~330 bytes
-- made the clustered table costly to write; a line now keeps its name-based id as 16
-- bytes, its dates as days since 1970-01-01, its kind as a number, and not its
-- explanation, which pw_schedule_explanation() words again from the charge, period,
-- basis and wording (PW_EXPLAIN_* in pw-schedule.h; 255: form_arg is the sentence,
-- as for lines from before this schema). Its times are its contract version's.
-- The view schedule_line shows the lines as they were, for readers and sync.
CREATE TABLE schedule_entry (
  contract_id      TEXT NOT NULL REFERENCES contract (id),
  id               BLOB NOT NULL,
  contract_version INTEGER NOT NULL,
  charge           TEXT NOT NULL,
  kind             INTEGER NOT NULL,  -- PwLineKind: charge, credit, deposit, penalty
  seller           TEXT NOT NULL DEFAULT '',
  period_start     INTEGER NOT NULL,  -- days since 1970-01-01
  period_end       INTEGER NOT NULL,
  bill_date        INTEGER NOT NULL,
  due_date         INTEGER NOT NULL,
  gross            INTEGER NOT NULL,
  net              INTEGER NOT NULL,
  tax              INTEGER NOT NULL,
  basis            TEXT NOT NULL DEFAULT '',
  form             INTEGER NOT NULL DEFAULT 255,
  form_arg         TEXT,
  PRIMARY KEY (contract_id, id)
) STRICT, WITHOUT ROWID;

INSERT INTO schedule_entry (contract_id, id, contract_version, charge, kind, seller, period_start,
                            period_end, bill_date, due_date, gross, net, tax, basis, form, form_arg)
  SELECT contract_id, pw_uuid_blob (id), contract_version, charge,
         CASE kind WHEN 'charge' THEN 0 WHEN 'credit' THEN 1 WHEN 'deposit' THEN 2
                   WHEN 'penalty' THEN 3 END,
         seller,
         CAST (julianday (period_start) - 2440587.5 AS INTEGER),
         CAST (julianday (period_end) - 2440587.5 AS INTEGER),
         CAST (julianday (bill_date) - 2440587.5 AS INTEGER),
         CAST (julianday (due_date) - 2440587.5 AS INTEGER),
         gross, net, tax, basis, 255, explanation
    FROM schedule_line;
DROP TABLE schedule_line;

CREATE VIEW schedule_line AS
  SELECT s.contract_id AS contract_id,
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
    FROM schedule_entry s
    LEFT JOIN contract_version v ON v.contract_id = s.contract_id AND v.number = s.contract_version;

-- lines written as records (a pull from the server) keep their sentence
CREATE TRIGGER schedule_line_insert INSTEAD OF INSERT ON schedule_line BEGIN
  INSERT OR REPLACE INTO schedule_entry (contract_id, id, contract_version, charge, kind, seller,
                                         period_start, period_end, bill_date, due_date, gross,
                                         net, tax, basis, form, form_arg)
    VALUES (NEW.contract_id, pw_uuid_blob (NEW.id), NEW.contract_version, NEW.charge,
            CASE NEW.kind WHEN 'charge' THEN 0 WHEN 'credit' THEN 1 WHEN 'deposit' THEN 2
                          WHEN 'penalty' THEN 3 END,
            coalesce (NEW.seller, ''),
            CAST (julianday (NEW.period_start) - 2440587.5 AS INTEGER),
            CAST (julianday (NEW.period_end) - 2440587.5 AS INTEGER),
            CAST (julianday (NEW.bill_date) - 2440587.5 AS INTEGER),
            CAST (julianday (NEW.due_date) - 2440587.5 AS INTEGER),
            NEW.gross, NEW.net, NEW.tax, coalesce (NEW.basis, ''), 255,
            coalesce (NEW.explanation, ''));
END;

CREATE TRIGGER schedule_line_delete INSTEAD OF DELETE ON schedule_line BEGIN
  DELETE FROM schedule_entry WHERE contract_id = OLD.contract_id AND id = pw_uuid_blob (OLD.id);
END;
