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

CREATE OR REPLACE VIEW mart.finding_list AS
SELECT f.finding_id, f.election_id, p.platform, p.post_id, p.permalink, p.post_type,
       (p.created_at AT TIME ZONE el.timezone)::date AS day,
       p.created_at, f.period, f.owner_kind, ao.employee_pseudonym,
       o.code AS opd_code, o.name AS opd_name,
       f.candidate_numbers, f.stance, f.severity_ethics, f.severity_discipline,
       f.ruleset_version, (f.content_hash = p.content_hash) AS is_current_version,
       p.deleted_at IS NOT NULL AS deleted,
       (SELECT array_agg(h.rule_id ORDER BY h.rule_id) FROM findings.rule_hit h
         WHERE h.finding_id = f.finding_id) AS rule_ids,
       f.disposition, f.supports, f.opposes,
       coalesce((SELECT array_agg(x.rule_id ORDER BY x.rule_id) FROM findings.escalation x
                  WHERE x.finding_id = f.finding_id), '{}') AS escalations
FROM findings.finding f
JOIN core.post p USING (post_pk)
JOIN registry.election el USING (election_id)
LEFT JOIN mart.account_owner ao ON ao.account_id = p.account_id
LEFT JOIN registry.assignment asg
       ON asg.employee_id = ao.employee_id
      AND (p.created_at AT TIME ZONE el.timezone)::date >= asg.valid_from
      AND (asg.valid_to IS NULL OR (p.created_at AT TIME ZONE el.timezone)::date < asg.valid_to)
LEFT JOIN registry.opd o ON o.opd_id = coalesce(ao.own_opd_id, asg.opd_id);

DROP MATERIALIZED VIEW mart.findings_daily;
CREATE MATERIALIZED VIEW mart.findings_daily AS
SELECT fl.election_id, fl.day, fl.platform,
       coalesce(fl.opd_code, '-') AS opd_code, coalesce(fl.opd_name, 'unregistered account') AS opd_name,
       fl.owner_kind, fl.disposition, coalesce(fl.severity_discipline, '-') AS severity_discipline,
       c.number AS candidate_number,
       count(DISTINCT (fl.platform, fl.post_id)) AS posts,
       count(*) AS findings,
       count(*) FILTER (WHERE cardinality(fl.escalations) > 0) AS escalated
FROM mart.finding_list fl
CROSS JOIN LATERAL unnest(CASE WHEN cardinality(fl.candidate_numbers) = 0 THEN ARRAY[0]
                               ELSE fl.candidate_numbers END) AS c(number)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
CREATE UNIQUE INDEX findings_daily_key ON mart.findings_daily
    (election_id, day, platform, opd_code, owner_kind, disposition, severity_discipline, candidate_number);
