-- A page landed twice with different bytes is two payloads, each cited by the versions it holds:
-- the old schema cannot keep both, and dropping one would break the evidence chain.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM raw.payload GROUP BY fetch_id, page_no HAVING count(*) > 1) THEN
        RAISE EXCEPTION 'cannot downgrade below 0005_evidence: raw.payload holds pages re-landed with different bytes, '
                        'which the old schema cannot keep (each is evidence for the versions it holds)';
    END IF;
END $$;

UPDATE ops.task_metric SET details = details - 'staged' - 'fetches' - 'gate' WHERE task_id = 'ingest';
ALTER TABLE findings.finding DROP COLUMN window_end;

DROP INDEX quarantine.quarantine_window;
ALTER TABLE quarantine.record DROP CONSTRAINT record_item_window;
-- An item quarantined by two overlapping windows is kept once (rerunning a window re-derives it).
DELETE FROM quarantine.record q USING quarantine.record o
WHERE o.payload_id = q.payload_id AND o.item_no = q.item_no AND o.quarantine_id < q.quarantine_id;
ALTER TABLE quarantine.record ADD CONSTRAINT record_payload_id_item_no_key UNIQUE (payload_id, item_no);
ALTER TABLE quarantine.record DROP COLUMN post_id;
CREATE INDEX quarantine_window ON quarantine.record (window_start, batch_key);

ALTER TABLE raw.payload DROP CONSTRAINT payload_page_bytes;
ALTER TABLE raw.payload ADD CONSTRAINT payload_fetch_id_page_no_key UNIQUE (fetch_id, page_no);

ALTER TABLE core.sighting ADD COLUMN window_start timestamptz;
UPDATE core.sighting s SET window_start = w.window_start
FROM (SELECT post_pk, content_hash, min(window_start) AS window_start FROM core.window_post GROUP BY 1, 2) w
WHERE w.post_pk = s.post_pk AND w.content_hash = s.content_hash;
UPDATE core.sighting SET window_start = seen_at WHERE window_start IS NULL;
ALTER TABLE core.sighting ALTER COLUMN window_start SET NOT NULL;
CREATE INDEX sighting_window ON core.sighting (window_start);
DROP TABLE core.window_post;
DROP TABLE core.fetch_applied;

ALTER TABLE stage.finding DROP COLUMN window_end;
ALTER TABLE stage.finding SET UNLOGGED;
DROP TABLE stage.fetch;
DROP INDEX stage.stage_post_window;
ALTER TABLE stage.post DROP COLUMN window_end;
ALTER TABLE stage.post SET UNLOGGED;
CREATE INDEX stage_post_window ON stage.post (window_start, batch_key);
