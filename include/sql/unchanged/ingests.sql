-- The window's batches as their last ingests recorded them.
SELECT batch_key, run_id, details
FROM ops.task_metric
WHERE task_id = 'ingest' AND window_start = :window_start AND window_end = :window_end
ORDER BY batch_key
