SELECT q.source, r->>'check' AS reason, count(*)::int AS rows
FROM quarantine.record q, jsonb_array_elements(q.reasons) r
WHERE q.window_start = :window_start AND q.window_end = :window_end
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
