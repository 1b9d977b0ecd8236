-- Parkwise schema 5: a floor's drawing, shown behind its rooms. The SVG itself, and
-- the transform from its user units to the floor's metres as JSON [xx, yx, xy, yy, x0, y0]
-- (cairo's matrix order). One drawing a floor.
CREATE TABLE floor_drawing (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL DEFAULT 1,
  park_id     TEXT NOT NULL REFERENCES park (id),
  floor_id    TEXT NOT NULL UNIQUE REFERENCES floor (id),
  source_name TEXT NOT NULL DEFAULT '',
  content     TEXT NOT NULL,
  transform   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
