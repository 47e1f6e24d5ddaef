-- Original posts of the owners who posted in the window, from a day either side: the posts a
-- cross-post of the window's posts can be. The owner is the OPD or the employee behind the account.
WITH owners AS (
    SELECT DISTINCT coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) AS owner
    FROM core.window_post s
    JOIN core.post p USING (post_pk)
    JOIN registry.account a USING (account_id)
    WHERE s.window_start = :window_start AND s.window_end = :window_end AND p.post_type = 'original'
)
SELECT p.post_pk, p.platform, p.created_at, p.text_key,
       coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) AS owner
FROM core.post p
JOIN registry.account a USING (account_id)
JOIN owners o ON o.owner = coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id)
WHERE p.post_type = 'original' AND length(p.text_key) >= :min_length
  AND p.created_at >= :window_start - interval '1 day' AND p.created_at < :window_end + interval '1 day'
ORDER BY owner, p.created_at, p.post_pk
