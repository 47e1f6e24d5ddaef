INSERT INTO registry.candidate_account (election_id, number, platform, handle, platform_user_id)
VALUES (:election_id, :number, :platform, :handle, :platform_user_id)
