DELETE FROM stage.finding WHERE window_start = :window_start AND window_end = :window_end AND election_id = :election_id
