INSERT INTO cases.transition_rule (from_state, to_state, action, decision, active)
VALUES (:from_state, :to_state, :action, :decision, true)
ON CONFLICT (from_state, to_state) DO UPDATE
SET action = EXCLUDED.action, decision = EXCLUDED.decision, active = true
