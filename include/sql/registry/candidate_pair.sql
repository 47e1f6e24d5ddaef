INSERT INTO registry.candidate_pair (election_id, number, pair_name, slogans, hashtags)
VALUES (:election_id, :number, :pair_name, :slogans, :hashtags)
ON CONFLICT (election_id, number) DO UPDATE
SET pair_name = EXCLUDED.pair_name, slogans = EXCLUDED.slogans, hashtags = EXCLUDED.hashtags, in_file = true
