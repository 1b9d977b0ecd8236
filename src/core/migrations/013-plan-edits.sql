-- Parkwise schema 13: plan edits (docs/plan-editing.md).
-- A park says how a split names its parts: 'derived' (T1-F03-008 → T1-F03-008A and
-- T1-F03-008B) or 'next' (the space keeps its code, the new part takes the floor's next
-- free code).
-- plan_edit is this installation's own list of the plan edits made from parkwise-cli, so
-- that `plan undo` can undo the last one: the audit rows an edit wrote (first_seq …
-- last_seq) hold its records before and after. It is not synced: another installation's
-- edits are not this one's to undo. An undone edit keeps the audit rows its undo wrote
-- (undo_first_seq … undo_last_seq), so that undoing the edit before it knows which later
-- writes of its records were only edits and undos now undone.
ALTER TABLE park ADD COLUMN split_codes TEXT NOT NULL DEFAULT 'derived';

CREATE TABLE plan_edit (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  command    TEXT NOT NULL,
  summary    TEXT NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  undone_at  TEXT,
  undo_first_seq INTEGER,
  undo_last_seq  INTEGER
) STRICT;
