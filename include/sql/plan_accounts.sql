-- Accounts an API connector collects in the window: the OPDs' official accounts and the
-- registered accounts of candidates in elections running in or around the window.
SELECT platform, handle FROM registry.account WHERE official
UNION
SELECT ca.platform, ca.handle
FROM registry.candidate_account ca
JOIN registry.election e USING (election_id)
WHERE :window_start < (e.voting_day + 30)::timestamp AT TIME ZONE e.timezone
  AND :window_end > (coalesce(e.determination_day, e.campaign_start) - 180)::timestamp AT TIME ZONE e.timezone
ORDER BY platform, handle
