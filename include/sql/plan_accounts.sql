-- Accounts an API connector collects in the window: the OPDs' official accounts and the
-- registered accounts of candidates in elections running in or around the window, with the
-- platform's own id where the registry knows it (Instagram's API needs it). A candidate account
-- the election file no longer lists is not collected.
SELECT platform, handle, max(platform_user_id) AS platform_user_id
FROM (
    SELECT platform, handle, platform_user_id FROM registry.account WHERE official
    UNION ALL
    SELECT ca.platform, ca.handle, ca.platform_user_id
    FROM registry.candidate_account ca
    JOIN registry.election e USING (election_id)
    WHERE ca.in_file
      AND :window_start < (coalesce(e.runoff_voting_day, e.voting_day) + 30)::timestamp AT TIME ZONE e.timezone
      AND :window_end > (coalesce(e.determination_day, e.campaign_start) - 180)::timestamp AT TIME ZONE e.timezone
) accounts
GROUP BY platform, handle
ORDER BY platform, handle
