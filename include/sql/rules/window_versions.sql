-- Post versions seen in the window that the rules judge: those by registered accounts (OPD or
-- employee), and those a public tip points at. Each version is judged on its own text, so
-- content later edited away or deleted still yields its finding. ref_account: the account a
-- share or quote passes on (a news outlet's post is news). An employee is judged by their status
-- on the post's day (registry.employee_status), in the zone of the elections running in the
-- window (a city's elections share it).
WITH zone AS (
    SELECT coalesce((SELECT e.timezone FROM registry.election e
                     WHERE :window_start < (coalesce(e.results_day, coalesce(e.runoff_voting_day, e.voting_day) + 30) + 1)::timestamp AT TIME ZONE e.timezone
                       AND :window_end > e.campaign_start::timestamp AT TIME ZONE e.timezone
                     ORDER BY e.election_id LIMIT 1), 'UTC') AS timezone
)
SELECT DISTINCT p.post_pk, v.content_hash, v.text, p.platform, p.post_id, p.created_at, p.post_type, p.ref_account,
       CASE WHEN a.owner_type = 'opd' THEN 'opd' ELSE coalesce(st.status, e.status, 'unregistered') END AS owner_kind
FROM core.window_post s
CROSS JOIN zone z
JOIN core.post p USING (post_pk)
JOIN core.post_version v ON v.post_pk = s.post_pk AND v.content_hash = s.content_hash
LEFT JOIN registry.account a ON a.account_id = p.account_id
LEFT JOIN registry.employee e ON e.employee_id = a.employee_id
LEFT JOIN registry.employee_status st
       ON st.employee_id = e.employee_id
      AND (st.valid_from IS NULL OR (p.created_at AT TIME ZONE z.timezone)::date >= st.valid_from)
      AND (st.valid_to IS NULL OR (p.created_at AT TIME ZONE z.timezone)::date < st.valid_to)
WHERE s.window_start = :window_start AND s.window_end = :window_end
  AND (p.account_id IS NOT NULL OR EXISTS (SELECT 1 FROM core.tip_post t WHERE t.post_pk = p.post_pk))
