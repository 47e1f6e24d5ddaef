INSERT INTO registry.candidate_person (election_id, number, role, name, aliases, incumbent)
VALUES (:election_id, :number, :role, :name, :aliases, :incumbent)
ON CONFLICT (election_id, number, role) DO UPDATE
SET name = EXCLUDED.name, aliases = EXCLUDED.aliases, incumbent = EXCLUDED.incumbent, in_file = true
