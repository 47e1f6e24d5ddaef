-- The legal clock still running: every deadline of a case not ended that is neither met nor ended
-- otherwise, with the case's OPD and state, its last day and the calendar days left today in the
-- election's zone (negative: overdue). No names: the case desk says whom a case is about.
CREATE VIEW ops.running_deadlines AS
SELECT c.case_id, c.election_id, o.code AS opd_code, c.state, d.deadline_id, r.label, d.started_at, d.due_on,
       d.due_on - (now() AT TIME ZONE el.timezone)::date AS days_left, d.escalated_at
FROM cases.deadline d
JOIN cases.deadline_rule r ON r.deadline_id = d.deadline_id
JOIN cases.case c ON c.case_id = d.case_id
JOIN cases.state s ON s.state_id = c.state
JOIN registry.election el ON el.election_id = c.election_id
LEFT JOIN registry.opd o ON o.opd_id = c.opd_id
WHERE d.met_at IS NULL AND d.ended IS NULL AND NOT s.terminal;
