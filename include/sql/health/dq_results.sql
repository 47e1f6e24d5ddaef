-- The health page's Great Expectations results: every suite's result per batch and window that
-- ended in (:page_since, :as_of], newest first, with the expectations that failed.
SELECT r.suite, r.batch_key, r.window_start, r.window_end, r.success, r.rows_checked, r.rows_failed,
       r.failure_rate, r.threshold, coalesce(f.failing_expectations, '{}') AS failing_expectations, r.checked_at
FROM ops.dq_result r
LEFT JOIN ops.dq_failures f USING (suite, batch_key, window_start, window_end)
WHERE r.window_end > CAST(:page_since AS timestamptz) AND r.window_end <= CAST(:as_of AS timestamptz)
ORDER BY r.window_end DESC, r.suite, r.batch_key
