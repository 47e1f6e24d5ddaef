-- Elections whose campaign, quiet period or voting day (of either round), or the counting and
-- recapitulation until the elected pair is determined (results_day), touch the window.
SELECT election_id, file_sha256
FROM registry.election e
WHERE :window_start < (coalesce(e.results_day, coalesce(e.runoff_voting_day, e.voting_day) + 30) + 1)::timestamp AT TIME ZONE e.timezone
  AND :window_end > e.campaign_start::timestamp AT TIME ZONE e.timezone
ORDER BY election_id
