INSERT INTO ops.dq_result (suite, batch_key, window_start, window_end, success, rows_checked, rows_failed,
                           failure_rate, threshold, statistics, failing)
VALUES (:suite, :batch_key, :window_start, :window_end, :success, :rows_checked, :rows_failed,
        :failure_rate, :threshold, CAST(:statistics AS jsonb), CAST(:failing AS jsonb))
ON CONFLICT (suite, batch_key, window_start, window_end) DO UPDATE
SET success = EXCLUDED.success, rows_checked = EXCLUDED.rows_checked, rows_failed = EXCLUDED.rows_failed,
    failure_rate = EXCLUDED.failure_rate, threshold = EXCLUDED.threshold, statistics = EXCLUDED.statistics,
    failing = EXCLUDED.failing, checked_at = now()
