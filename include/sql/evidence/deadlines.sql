-- The case's legal clock: each deadline run, when it started, its last day, how it ended and
-- whether it was escalated.
SELECT d.deadline_id, r.label, r.days, r.unit, d.started_at, d.due_on, d.met_at, d.ended, d.escalated_at
FROM cases.deadline d
JOIN cases.deadline_rule r USING (deadline_id)
WHERE d.case_id = :case_id
ORDER BY d.started_at, d.deadline_id
