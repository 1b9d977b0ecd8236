-- Parkwise schema 13: held for the floor-plan edits of the same release (a migration of
-- its own with this number); on its own this step changes nothing.
SELECT 1;
