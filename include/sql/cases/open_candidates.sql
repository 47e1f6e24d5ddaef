-- Breach findings not yet in a case, on accounts the registry knows (an employee's, or an OPD's),
-- whose post version the monitoring team has not dismissed for that election; with the subject a
-- case is about (the employee, else the OPD account) and the OPD on the post's day. Unregistered
-- accounts (public tips about unknown owners) have no subject: they stay findings.
CREATE TEMP TABLE case_candidate ON COMMIT DROP AS
SELECT f.finding_id, f.post_pk, f.election_id, a.employee_id,
       CASE WHEN a.employee_id IS NULL THEN a.account_id END AS account_id,
       coalesce(a.opd_id, asg.opd_id) AS opd_id, f.evaluated_at, p.created_at
FROM findings.finding f
JOIN core.post p USING (post_pk)
JOIN registry.account a ON a.account_id = p.account_id
JOIN registry.election el ON el.election_id = f.election_id
LEFT JOIN registry.assignment asg
       ON asg.employee_id = a.employee_id
      AND (p.created_at AT TIME ZONE el.timezone)::date >= asg.valid_from
      AND (asg.valid_to IS NULL OR (p.created_at AT TIME ZONE el.timezone)::date < asg.valid_to)
WHERE f.disposition = 'breach'
  AND NOT EXISTS (SELECT 1 FROM cases.case_finding cf WHERE cf.finding_id = f.finding_id)
  AND coalesce((SELECT r.verdict FROM cases.finding_review r
                WHERE r.post_pk = f.post_pk AND r.content_hash = f.content_hash AND r.election_id = f.election_id
                ORDER BY r.review_id DESC LIMIT 1), '') <> 'ditolak'
