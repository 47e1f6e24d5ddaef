-- The candidate pairs of the report's elections, for naming them in charts and tables.
SELECT election_id, number, pair_name
FROM registry.candidate_pair
WHERE election_id = ANY(:elections)
ORDER BY election_id, number
