-- How much of what came in was refused, per window and source (api, or intake for captures and
-- tips) and platform (all for intake): the ingest batches' rows in and rows quarantined
-- (ops.task_metric, which keeps the count after retention removed the quarantined rows).
CREATE VIEW ops.quarantine_rate AS
SELECT m.window_start, m.window_end, split_part(m.batch_key, ':', 1) AS source,
       split_part(m.batch_key, ':', 2) AS platform, count(*) AS batches,
       sum(m.rows_in) AS rows_in, sum(m.rows_out) AS rows_out, sum(m.quarantined) AS quarantined,
       round(sum(m.quarantined)::numeric / nullif(sum(m.rows_in), 0), 4) AS quarantine_rate
FROM ops.task_metric m
WHERE m.task_id = 'ingest'
GROUP BY 1, 2, 3, 4;
