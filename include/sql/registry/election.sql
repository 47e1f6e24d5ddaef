INSERT INTO registry.election AS e (election_id, name, region, timezone, determination_day, campaign_start,
                                    campaign_end, quiet_start, quiet_end, voting_day, file_sha256)
VALUES (:election_id, :name, :region, :timezone, :determination_day, :campaign_start, :campaign_end,
        :quiet_start, :quiet_end, :voting_day, :file_sha256)
ON CONFLICT (election_id) DO UPDATE
SET name = EXCLUDED.name, region = EXCLUDED.region, timezone = EXCLUDED.timezone,
    determination_day = EXCLUDED.determination_day, campaign_start = EXCLUDED.campaign_start,
    campaign_end = EXCLUDED.campaign_end, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
    voting_day = EXCLUDED.voting_day, file_sha256 = EXCLUDED.file_sha256, loaded_at = now()
WHERE e.file_sha256 IS DISTINCT FROM EXCLUDED.file_sha256
RETURNING election_id
