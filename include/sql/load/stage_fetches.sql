-- The fetches the batch read for the window (empty ones too): what the upsert applies as evidence.
INSERT INTO stage.fetch (batch_key, window_start, window_end, fetch_id)
SELECT DISTINCT :batch_key, CAST(:window_start AS timestamptz), CAST(:window_end AS timestamptz), f
FROM unnest(CAST(:fetch_ids AS text[])) AS f
