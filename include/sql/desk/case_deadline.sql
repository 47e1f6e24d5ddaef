-- The legal clock of a case its reader may see: every deadline that ran or runs, when it is due
-- (computed by the warehouse, working days excluding days off), met or not, escalated or not.
CREATE VIEW desk.case_deadline WITH (security_barrier) AS
SELECT d.case_id, d.deadline_id, r.label, r.days, r.unit, d.started_at, d.due_on, d.met_at, d.ended,
       d.escalated_at,
       d.met_at IS NULL AND d.due_on < (now() AT TIME ZONE el.timezone)::date AS overdue,
       CASE WHEN d.met_at IS NULL THEN d.due_on - (now() AT TIME ZONE el.timezone)::date END AS days_left
FROM cases.deadline d
JOIN cases.deadline_rule r ON r.deadline_id = d.deadline_id
JOIN cases.case c ON c.case_id = d.case_id
JOIN registry.election el ON el.election_id = c.election_id
WHERE cases.sees(current_user, c.opd_id);
