-- Parkwise schema 4: the original value (原值) of each piece of equipment, in minor
-- units (fen, cents) of its park's currency; NULL while unknown.
ALTER TABLE equipment ADD COLUMN original_value INTEGER
  CHECK (original_value IS NULL OR original_value >= 0);
