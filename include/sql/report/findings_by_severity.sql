SELECT f.owner_kind, CASE WHEN f.disposition = 'review' THEN 'review (not a breach)' ELSE coalesce(f.severity_discipline, '-') END AS severity, count(*)::int AS findings
FROM findings.finding f
WHERE f.window_start = :window_start AND f.window_end = :window_end
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
