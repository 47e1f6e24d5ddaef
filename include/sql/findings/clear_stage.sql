DELETE FROM stage.finding WHERE window_start = :window_start AND election_id = :election_id
