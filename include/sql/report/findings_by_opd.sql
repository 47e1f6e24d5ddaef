SELECT coalesce(fl.opd_name, 'unregistered account') AS opd, count(*)::int AS findings,
       count(DISTINCT (fl.platform, coalesce(fl.employee_pseudonym, fl.opd_code)))::int AS accounts
FROM mart.finding_list fl
JOIN findings.finding f USING (finding_id)
WHERE f.window_start = :window_start AND f.window_end = :window_end AND f.disposition = 'breach'
GROUP BY 1 ORDER BY 2 DESC, 1
