-- What the warehouse holds now of a batch's ingest of the window: its staged rows and fetches,
-- its quarantined rows, its landed pages (bodies not removed), its tips in core; and whether any
-- tip's contact is still in the clear (an ingest with tips encrypts them). A rerun that read the
-- same fetches may keep that ingest only while these are what it recorded.
WITH batch_fetch AS (
    SELECT fetch_id FROM stage.fetch
    WHERE batch_key = :batch_key AND window_start = :window_start AND window_end = :window_end
)
SELECT (SELECT count(*) FROM stage.post s
         WHERE s.batch_key = :batch_key AND s.window_start = :window_start AND s.window_end = :window_end) AS staged,
       (SELECT count(*) FROM batch_fetch) AS fetches,
       (SELECT count(*) FROM quarantine.record q
         WHERE q.batch_key = :batch_key AND q.window_start = :window_start AND q.window_end = :window_end) AS quarantined,
       (SELECT count(DISTINCT (p.fetch_id, p.page_no)) FROM raw.payload p JOIN batch_fetch f USING (fetch_id)
         WHERE p.removed_at IS NULL) AS pages,
       (SELECT count(*) FROM core.tip t JOIN raw.payload p USING (payload_id) JOIN batch_fetch f USING (fetch_id)) AS tips,
       EXISTS (SELECT 1 FROM core.tip WHERE reporter_contact_plain IS NOT NULL) AS clear_contacts
