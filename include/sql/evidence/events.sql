-- The case's history: every step with its actor, time, reason and decision, labels as the
-- workflow names them.
SELECT e.event_id, e.at, e.action, e.from_state, e.to_state, fs.label AS from_label, ts.label AS to_label,
       e.actor, e.db_role, e.reason, e.decision_track, e.decision_outcome, o.label AS outcome_label, e.measure
FROM cases.event e
LEFT JOIN cases.state fs ON fs.state_id = e.from_state
LEFT JOIN cases.state ts ON ts.state_id = e.to_state
LEFT JOIN cases.outcome o ON o.track = e.decision_track AND o.outcome_id = e.decision_outcome
WHERE e.case_id = :case_id
ORDER BY e.at, e.event_id
