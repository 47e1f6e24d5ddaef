INSERT INTO cases.state (state_id, label, terminal, position)
VALUES (:state_id, :label, :terminal, :position)
ON CONFLICT (state_id) DO UPDATE SET label = EXCLUDED.label, terminal = EXCLUDED.terminal, position = EXCLUDED.position
