-- Parkwise schema 12: a contract beyond the park's policy keeps the approvals given to it
-- since it was last submitted, as a JSON array of {approver_role, level, decision, actor,
-- comment, decided_at} (docs/approvals.md). Contracts already approved keep theirs as they
-- were; the rule applies to contracts approved from now on.
ALTER TABLE contract ADD COLUMN approvals TEXT NOT NULL DEFAULT '[]';
