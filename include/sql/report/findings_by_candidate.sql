SELECT f.election_id, c.number, cp.pair_name, count(*)::int AS findings
FROM findings.finding f
CROSS JOIN LATERAL unnest(f.candidate_numbers) AS c(number)
JOIN registry.candidate_pair cp ON cp.election_id = f.election_id AND cp.number = c.number
WHERE f.window_start = :window_start AND f.window_end = :window_end AND f.disposition = 'breach'
GROUP BY 1, 2, 3 ORDER BY 1, 2
