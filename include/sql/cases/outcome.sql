INSERT INTO cases.outcome (track, outcome_id, label, measure, active)
VALUES (:track, :outcome_id, :label, :measure, true)
ON CONFLICT (track, outcome_id) DO UPDATE SET label = EXCLUDED.label, measure = EXCLUDED.measure, active = true
