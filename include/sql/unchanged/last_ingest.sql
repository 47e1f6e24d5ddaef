-- A batch's last ingest of the window as ops.task_metric recorded it.
SELECT rows_in, rows_out, duplicates, quarantined, details
FROM ops.task_metric
WHERE task_id = 'ingest' AND batch_key = :batch_key AND window_start = :window_start AND window_end = :window_end
