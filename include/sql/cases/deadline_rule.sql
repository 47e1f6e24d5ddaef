INSERT INTO cases.deadline_rule (deadline_id, label, from_state, until_state, days, unit, active)
VALUES (:deadline_id, :label, :from_state, :until_state, :days, :unit, true)
ON CONFLICT (deadline_id) DO UPDATE
SET label = EXCLUDED.label, from_state = EXCLUDED.from_state, until_state = EXCLUDED.until_state,
    days = EXCLUDED.days, unit = EXCLUDED.unit, active = true
