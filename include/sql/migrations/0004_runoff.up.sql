-- A second round (run-off): its campaign, quiet period and voting day, and which pairs are in it
-- (an election with one round leaves these NULL); and the day the elected pair is determined,
-- which ends the post-election period the rules still judge (default: 30 days after the last vote).
ALTER TABLE registry.election
    ADD COLUMN runoff_campaign_start date,
    ADD COLUMN runoff_campaign_end   date,
    ADD COLUMN runoff_quiet_start    date,
    ADD COLUMN runoff_quiet_end      date,
    ADD COLUMN runoff_voting_day     date,
    ADD COLUMN runoff_pairs          int[],
    ADD COLUMN results_day           date,
    ADD CONSTRAINT election_runoff_whole CHECK (
        (runoff_voting_day IS NULL) = (runoff_campaign_start IS NULL)
        AND (runoff_voting_day IS NULL OR runoff_campaign_start > voting_day));
