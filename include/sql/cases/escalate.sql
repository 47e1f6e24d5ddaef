-- Deadlines past their last day and neither met nor escalated yet: escalated once, flagging the
-- employee's direct superior when, at the end of that last day (in the election's zone), the case
-- stood in a state where the superior had to act: a step recorded later, or a late run of the
-- clock, changes nothing.
WITH overdue AS (
    UPDATE cases.deadline d SET escalated_at = now()
    FROM cases.case c
    JOIN registry.election el ON el.election_id = c.election_id
    WHERE d.case_id = c.case_id AND d.met_at IS NULL AND d.escalated_at IS NULL AND d.due_on < :today
    RETURNING d.case_id, d.deadline_id, d.started_at, d.due_on, c.employee_id,
              coalesce((SELECT ev.to_state FROM cases.event ev
                        WHERE ev.case_id = d.case_id AND ev.at < (d.due_on + 1)::timestamp AT TIME ZONE el.timezone
                        ORDER BY ev.at DESC, ev.event_id DESC LIMIT 1),
                       (SELECT state_id FROM cases.state ORDER BY position LIMIT 1)) AS state_then
)
INSERT INTO cases.escalation (case_id, deadline_id, started_at, due_on, flagged_employee_id)
SELECT o.case_id, o.deadline_id, o.started_at, o.due_on,
       CASE WHEN (o.deadline_id, o.state_then) IN (SELECT * FROM unnest(CAST(:flag_deadlines AS text[]),
                                                                       CAST(:flag_states AS text[])))
            THEN e.supervisor_id END
FROM overdue o
LEFT JOIN registry.employee e ON e.employee_id = o.employee_id
RETURNING case_id, deadline_id, flagged_employee_id
