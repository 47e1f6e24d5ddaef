INSERT INTO registry.candidate_pair (election_id, number, pair_name, slogans, hashtags)
VALUES (:election_id, :number, :pair_name, :slogans, :hashtags)
