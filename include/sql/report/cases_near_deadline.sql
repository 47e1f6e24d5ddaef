-- Deadlines still running on :last_day that fall due by :last_day + :within days (or already
-- passed), with the case's subject by pseudonym and its OPD.
SELECT c.case_id, st.label AS state, coalesce(e.pseudonym, a.pseudonym) AS subject, o.name AS opd_name,
       r.label AS deadline, d.due_on, d.due_on - CAST(:last_day AS date) AS days_left,
       d.escalated_at IS NOT NULL AS escalated
FROM cases.deadline d
JOIN cases.deadline_rule r USING (deadline_id)
JOIN cases.case c USING (case_id)
JOIN cases.state st ON st.state_id = c.state
LEFT JOIN registry.employee e ON e.employee_id = c.employee_id
LEFT JOIN registry.account a ON a.account_id = c.account_id
LEFT JOIN registry.opd o ON o.opd_id = c.opd_id
WHERE (d.met_at IS NULL OR d.met_at >= (CAST(:last_day AS date) + 1)::timestamp AT TIME ZONE :timezone)
  AND d.started_at < (CAST(:last_day AS date) + 1)::timestamp AT TIME ZONE :timezone
  AND d.due_on <= CAST(:last_day AS date) + CAST(:within AS int)
ORDER BY d.due_on, c.case_id
