-- Parkwise schema 8: the park's price policy and a contract's quote.
-- list_price and floor_price are decimal text per m² per month, as quotes carry them;
-- NULL means the park sets none. A contract made from a quote keeps its id, so the
-- discount it was agreed at can be checked against the park's approval rules.
ALTER TABLE park ADD COLUMN list_price TEXT;
ALTER TABLE park ADD COLUMN floor_price TEXT;
ALTER TABLE contract ADD COLUMN quote_id TEXT REFERENCES quote (id);
