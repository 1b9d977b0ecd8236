-- Parkwise schema 11: the server keeps a pushed mutation's result only while the client
-- may ask for it again, and a refusal without the record (docs/sync-protocol.md, "Results
-- kept"). sync_client now counts the client's applied mutations, which outlives the
-- results. Desktops hold no rows in these tables; nothing changes for them.
ALTER TABLE sync_client ADD COLUMN applied INTEGER NOT NULL DEFAULT 0;
UPDATE sync_client SET applied = (SELECT count(*) FROM sync_applied a
                                  WHERE a.client_id = sync_client.client_id
                                    AND a.result ->> 'result' = 'applied');
UPDATE sync_applied SET result = json_remove (result, '$.record')
  WHERE result ->> 'result' IN ('rejected', 'conflict') AND json_type (result, '$.record') IS NOT NULL;
