-- The timeline of a case its reader may see: every step, who took it under which role, why, and
-- the decision it recorded, with the workflow's labels.
CREATE VIEW desk.case_event WITH (security_barrier) AS
SELECT ev.case_id, ev.event_id, ev.at, ev.action, ev.from_state, fs.label AS from_label,
       ev.to_state, ts.label AS to_label, ev.actor, ev.db_role, ev.reason,
       ev.decision_track, ev.decision_outcome, o.label AS outcome_label, ev.measure
FROM cases.event ev
JOIN cases.case c ON c.case_id = ev.case_id
JOIN cases.state fs ON fs.state_id = ev.from_state
JOIN cases.state ts ON ts.state_id = ev.to_state
LEFT JOIN cases.outcome o ON o.track = ev.decision_track AND o.outcome_id = ev.decision_outcome
WHERE cases.sees(current_user, c.opd_id);
