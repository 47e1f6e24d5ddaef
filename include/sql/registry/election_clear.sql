-- A changed election file replaces its candidates (people and accounts follow by cascade).
DELETE FROM registry.candidate_pair WHERE election_id = :election_id
