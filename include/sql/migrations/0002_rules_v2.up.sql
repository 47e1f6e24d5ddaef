-- Rules v2: a finding is a breach or a review (the incumbent on an official account), records
-- which pairs it supports and which it attacks, and may carry escalations (quiet period, repeats).
ALTER TABLE findings.finding
    ADD COLUMN disposition text NOT NULL DEFAULT 'breach' CHECK (disposition IN ('breach', 'review')),
    ADD COLUMN supports int[] NOT NULL DEFAULT '{}',
    ADD COLUMN opposes  int[] NOT NULL DEFAULT '{}';

CREATE TABLE findings.escalation (
    finding_id   bigint NOT NULL REFERENCES findings.finding ON DELETE CASCADE,
    rule_id      text NOT NULL,
    rule_version int  NOT NULL,
    detail       jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (finding_id, rule_id)
);

ALTER TABLE stage.finding
    ADD COLUMN disposition text NOT NULL DEFAULT 'breach',
    ADD COLUMN supports    int[] NOT NULL DEFAULT '{}',
    ADD COLUMN opposes     int[] NOT NULL DEFAULT '{}',
    ADD COLUMN escalations jsonb NOT NULL DEFAULT '[]';
