-- Cases whose deadline lapsed and was escalated to the superior during the period [:start, :end).
SELECT x.case_id, r.label AS deadline, x.due_on, (x.at AT TIME ZONE :timezone) AS escalated_at,
       coalesce(e.pseudonym, a.pseudonym) AS subject, o.name AS opd_name
FROM cases.escalation x
JOIN cases.deadline_rule r USING (deadline_id)
JOIN cases.case c USING (case_id)
LEFT JOIN registry.employee e ON e.employee_id = c.employee_id
LEFT JOIN registry.account a ON a.account_id = c.account_id
LEFT JOIN registry.opd o ON o.opd_id = c.opd_id
WHERE x.at >= :start AND x.at < :end
ORDER BY x.at, x.case_id
