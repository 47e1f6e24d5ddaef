INSERT INTO cases.transition_rule (from_state, to_state, action, decision, roles, active)
VALUES (:from_state, :to_state, :action, :decision, :roles, true)
ON CONFLICT (from_state, to_state) DO UPDATE
SET action = EXCLUDED.action, decision = EXCLUDED.decision, roles = EXCLUDED.roles, active = true
