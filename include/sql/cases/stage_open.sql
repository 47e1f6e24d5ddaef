SELECT state_id FROM cases.state ORDER BY position LIMIT 1
