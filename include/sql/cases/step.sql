INSERT INTO cases.event (case_id, from_state, to_state, action, actor, reason, decision_track, decision_outcome, measure)
VALUES (:case_id, :from_state, :to_state, :action, :actor, :reason, :decision_track, :decision_outcome, :measure)
