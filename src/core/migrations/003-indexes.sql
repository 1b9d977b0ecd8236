-- Parkwise schema 3: indexes for the ledger's common look-ups.
CREATE INDEX space_floor ON space (floor_id);
CREATE INDEX floor_building ON floor (building_id);
CREATE INDEX building_park ON building (park_id);
CREATE INDEX space_status_space ON space_status (space_id, effective_date);
CREATE INDEX lifecycle_entity ON lifecycle_event (entity_id);
CREATE INDEX audit_entity ON audit (entity_id);
CREATE INDEX equipment_space ON equipment (space_id);
