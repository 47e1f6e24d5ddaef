ALTER TABLE registry.election
    DROP CONSTRAINT election_runoff_whole,
    DROP COLUMN runoff_campaign_start, DROP COLUMN runoff_campaign_end, DROP COLUMN runoff_quiet_start,
    DROP COLUMN runoff_quiet_end, DROP COLUMN runoff_voting_day, DROP COLUMN runoff_pairs, DROP COLUMN results_day;
