-- A second round (run-off): its campaign, quiet period and voting day, and which pairs are in it.
-- An election with one round leaves these NULL. The active period of an election now ends on
-- its last voting day.
ALTER TABLE registry.election
    ADD COLUMN runoff_campaign_start date,
    ADD COLUMN runoff_campaign_end   date,
    ADD COLUMN runoff_quiet_start    date,
    ADD COLUMN runoff_quiet_end      date,
    ADD COLUMN runoff_voting_day     date,
    ADD COLUMN runoff_pairs          int[],
    ADD CONSTRAINT election_runoff_whole CHECK (
        (runoff_voting_day IS NULL) = (runoff_campaign_start IS NULL)
        AND (runoff_voting_day IS NULL OR runoff_campaign_start > voting_day));
