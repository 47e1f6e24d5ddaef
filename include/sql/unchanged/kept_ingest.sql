-- A batch's last ingest of the window as ops.task_metric recorded it, beside what stage,
-- quarantine and raw hold of it now: a rerun that read the same fetches may keep it only while
-- they still hold what it recorded.
SELECT m.batch_key, m.rows_in, m.rows_out, m.duplicates, m.quarantined, m.details,
       (SELECT count(*) FROM stage.post s
         WHERE s.batch_key = m.batch_key AND s.window_start = m.window_start AND s.window_end = m.window_end) AS staged_rows,
       (SELECT count(*) FROM stage.fetch f
         WHERE f.batch_key = m.batch_key AND f.window_start = m.window_start AND f.window_end = m.window_end) AS staged_fetches,
       (SELECT count(*) FROM quarantine.record q
         WHERE q.batch_key = m.batch_key AND q.window_start = m.window_start AND q.window_end = m.window_end) AS quarantined_now,
       (SELECT count(DISTINCT (p.fetch_id, p.page_no)) FROM raw.payload p
         JOIN stage.fetch f ON f.fetch_id = p.fetch_id
         WHERE f.batch_key = m.batch_key AND f.window_start = m.window_start AND f.window_end = m.window_end
           AND p.removed_at IS NULL) AS landed_pages
FROM ops.task_metric m
WHERE m.task_id = 'ingest' AND m.batch_key = :batch_key
  AND m.window_start = :window_start AND m.window_end = :window_end
