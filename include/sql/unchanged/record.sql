INSERT INTO ops.window_memo (window_start, window_end, write_count, config, inputs, run_id)
VALUES (:window_start, :window_end, :write_count, :config, CAST(:inputs AS jsonb), :run_id)
ON CONFLICT (window_start, window_end) DO UPDATE
SET write_count = EXCLUDED.write_count, config = EXCLUDED.config, inputs = EXCLUDED.inputs,
    run_id = EXCLUDED.run_id, recorded_at = now()
