-- Rows the windows inside the period [:start, :end) quarantined, per source and failed check.
SELECT q.source, r->>'check' AS reason, count(*)::int AS rows
FROM quarantine.record q, jsonb_array_elements(q.reasons) r
WHERE q.window_start >= :start AND q.window_start < :end AND q.window_end <= :end  -- the first bound of the index scan
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
