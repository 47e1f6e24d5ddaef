-- Data-quality results (Great Expectations) with an expectation that failed, per suite, batch and
-- window, each failing expectation written out as "check (expectation): rows".
CREATE VIEW ops.dq_failures AS
SELECT d.suite, d.batch_key, d.window_start, d.window_end, d.rows_checked, d.rows_failed, d.failure_rate,
       d.threshold,
       ARRAY(SELECT format('%s (%s): %s', e ->> 'check', e ->> 'expectation', e ->> 'rows')
             FROM jsonb_array_elements(d.failing) e) AS failing_expectations,
       d.checked_at
FROM ops.dq_result d
WHERE NOT d.success;
