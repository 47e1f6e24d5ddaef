-- The elections whose OPD posts fall in the days [:start, :end): one scorecard each.
SELECT DISTINCT election_id FROM mart.opd_scorecard_daily
WHERE day >= :start AND day < :end
ORDER BY election_id
