-- Post versions seen in the window that the rules judge: those by registered accounts (OPD or
-- employee), and those a public tip points at. Each version is judged on its own text, so
-- content later edited away or deleted still yields its finding. ref_account: the account a
-- share or quote passes on (a news outlet's post is news).
SELECT DISTINCT p.post_pk, v.content_hash, v.text, p.platform, p.post_id, p.created_at, p.post_type, p.ref_account,
       CASE WHEN a.owner_type = 'opd' THEN 'opd' ELSE coalesce(e.status, 'unregistered') END AS owner_kind
FROM core.window_post s
JOIN core.post p USING (post_pk)
JOIN core.post_version v ON v.post_pk = s.post_pk AND v.content_hash = s.content_hash
LEFT JOIN registry.account a ON a.account_id = p.account_id
LEFT JOIN registry.employee e ON e.employee_id = a.employee_id
WHERE s.window_start = :window_start AND s.window_end = :window_end
  AND (p.account_id IS NOT NULL OR EXISTS (SELECT 1 FROM core.tip_post t WHERE t.post_pk = p.post_pk))
