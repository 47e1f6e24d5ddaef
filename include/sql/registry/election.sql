INSERT INTO registry.election AS e (election_id, name, region, timezone, determination_day, campaign_start,
                                    campaign_end, quiet_start, quiet_end, voting_day, runoff_campaign_start,
                                    runoff_campaign_end, runoff_quiet_start, runoff_quiet_end, runoff_voting_day,
                                    runoff_pairs, results_day, file_sha256)
VALUES (:election_id, :name, :region, :timezone, :determination_day, :campaign_start, :campaign_end,
        :quiet_start, :quiet_end, :voting_day, :runoff_campaign_start, :runoff_campaign_end, :runoff_quiet_start,
        :runoff_quiet_end, :runoff_voting_day, :runoff_pairs, :results_day, :file_sha256)
ON CONFLICT (election_id) DO UPDATE
SET name = EXCLUDED.name, region = EXCLUDED.region, timezone = EXCLUDED.timezone,
    determination_day = EXCLUDED.determination_day, campaign_start = EXCLUDED.campaign_start,
    campaign_end = EXCLUDED.campaign_end, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
    voting_day = EXCLUDED.voting_day, runoff_campaign_start = EXCLUDED.runoff_campaign_start,
    runoff_campaign_end = EXCLUDED.runoff_campaign_end, runoff_quiet_start = EXCLUDED.runoff_quiet_start,
    runoff_quiet_end = EXCLUDED.runoff_quiet_end, runoff_voting_day = EXCLUDED.runoff_voting_day,
    runoff_pairs = EXCLUDED.runoff_pairs, results_day = EXCLUDED.results_day, file_sha256 = EXCLUDED.file_sha256, loaded_at = now()
WHERE e.file_sha256 IS DISTINCT FROM EXCLUDED.file_sha256
RETURNING election_id
