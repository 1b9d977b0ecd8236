-- Parkwise schema 15: the park's sellers (the legal entities that issue its bills) with
-- what a payment notice prints for each: its name and the bank account customers pay
-- into (docs/billing.md, "Payment notices"). A park setting, synced with the park:
-- a JSON array [{"code", "name", "bank", "account"}], codes unique.
ALTER TABLE park ADD COLUMN sellers TEXT NOT NULL DEFAULT '[]';
