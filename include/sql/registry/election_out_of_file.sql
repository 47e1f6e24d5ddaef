-- A changed election file: mark every pair, person and account of the election as out of the file
-- before its candidates are upserted again (which mark what it still lists). What the file no
-- longer lists stays, marked, for the findings and cases that refer to it.
WITH people AS (
    UPDATE registry.candidate_person SET in_file = false WHERE election_id = :election_id AND in_file
), accounts AS (
    UPDATE registry.candidate_account SET in_file = false WHERE election_id = :election_id AND in_file
)
UPDATE registry.candidate_pair SET in_file = false WHERE election_id = :election_id AND in_file
