-- The actor and role are the session's (column defaults the desk roles cannot write).
INSERT INTO cases.event (case_id, from_state, to_state, action, reason, decision_track, decision_outcome, measure)
VALUES (:case_id, :from_state, :to_state, :action, :reason, :decision_track, :decision_outcome, :measure)
