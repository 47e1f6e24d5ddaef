INSERT INTO registry.candidate_account (election_id, number, platform, handle, platform_user_id)
VALUES (:election_id, :number, :platform, :handle, :platform_user_id)
ON CONFLICT (election_id, platform, handle_key) DO UPDATE
SET number = EXCLUDED.number, handle = EXCLUDED.handle, platform_user_id = EXCLUDED.platform_user_id, in_file = true
