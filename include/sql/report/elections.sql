-- The elections a report period [:first_day, :last_day] touches: from the determination of the
-- candidates (or the campaign) to the result (or 30 days after the last vote), as the rules judge.
SELECT election_id, name
FROM registry.election
WHERE coalesce(determination_day, campaign_start) <= CAST(:last_day AS date)
  AND coalesce(results_day, greatest(voting_day, runoff_voting_day) + 30) >= CAST(:first_day AS date)
ORDER BY voting_day DESC, election_id
