-- The hand-off from ingest: per batch of the window, the rows and fetches ingest recorded in
-- ops.task_metric against what stage holds now. Any difference stops the upsert.
WITH recorded AS (
    SELECT batch_key, (details->>'staged')::bigint AS rows, (details->>'fetches')::bigint AS fetches,
           details->>'gate' AS gate
    FROM ops.task_metric
    WHERE task_id = 'ingest' AND window_start = :window_start AND window_end = :window_end
), rows AS (
    SELECT batch_key, count(*) AS rows FROM stage.post
    WHERE window_start = :window_start AND window_end = :window_end GROUP BY batch_key
), fetches AS (
    SELECT batch_key, count(*) AS fetches FROM stage.fetch
    WHERE window_start = :window_start AND window_end = :window_end GROUP BY batch_key
)
SELECT coalesce(r.batch_key, s.batch_key, f.batch_key) AS batch_key, r.rows AS recorded_rows,
       coalesce(s.rows, 0) AS staged_rows, r.fetches AS recorded_fetches, coalesce(f.fetches, 0) AS staged_fetches,
       r.gate
FROM recorded r
FULL JOIN rows s USING (batch_key)
FULL JOIN fetches f USING (batch_key)
ORDER BY 1
