INSERT INTO registry.candidate_person (election_id, number, role, name, aliases, incumbent)
VALUES (:election_id, :number, :role, :name, :aliases, :incumbent)
