SELECT write_count, config, inputs, run_id, recorded_at
FROM ops.window_memo WHERE window_start = :window_start AND window_end = :window_end
