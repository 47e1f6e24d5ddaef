INSERT INTO ops.task_metric (task_id, batch_key, window_start, window_end, dag_id, run_id,
                             rows_in, rows_out, duplicates, quarantined, details)
VALUES (:task_id, :batch_key, :window_start, :window_end, :dag_id, :run_id,
        :rows_in, :rows_out, :duplicates, :quarantined, CAST(:details AS jsonb))
ON CONFLICT (task_id, batch_key, window_start, window_end) DO UPDATE
SET dag_id = EXCLUDED.dag_id, run_id = EXCLUDED.run_id, rows_in = EXCLUDED.rows_in, rows_out = EXCLUDED.rows_out,
    duplicates = EXCLUDED.duplicates, quarantined = EXCLUDED.quarantined, details = EXCLUDED.details,
    recorded_at = now()
