-- Per suite: the highest failure rate of a batch in the windows that ended in (:since, :as_of],
-- against :max_failure_rate, with the expectations that failed (ops.dq_failures).
SELECT r.suite AS subject, max(r.failure_rate) AS value, CAST(:max_failure_rate AS float8) AS threshold,
       max(r.failure_rate) > :max_failure_rate AS breached,
       format('%s of %s batch(es) failed an expectation%s', count(*) FILTER (WHERE NOT r.success), count(*),
              coalesce(': ' || (SELECT string_agg(DISTINCT e, '; ') FROM ops.dq_failures f, unnest(f.failing_expectations) e
                                WHERE f.suite = r.suite AND f.window_end > CAST(:since AS timestamptz)
                                  AND f.window_end <= CAST(:as_of AS timestamptz)), '')) AS detail
FROM ops.dq_result r
WHERE r.window_end > CAST(:since AS timestamptz) AND r.window_end <= CAST(:as_of AS timestamptz)
GROUP BY r.suite
ORDER BY r.suite
