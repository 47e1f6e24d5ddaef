DROP MATERIALIZED VIEW mart.findings_daily;
DROP VIEW mart.finding_list;
DROP TABLE findings.escalation;
ALTER TABLE stage.finding DROP COLUMN disposition, DROP COLUMN supports, DROP COLUMN opposes, DROP COLUMN escalations;
ALTER TABLE findings.finding DROP COLUMN disposition, DROP COLUMN supports, DROP COLUMN opposes;

-- One row per flagged post version, with where it sits: day in the election's zone, OPD, owner.
CREATE VIEW mart.finding_list AS
SELECT f.finding_id, f.election_id, p.platform, p.post_id, p.permalink, p.post_type,
       (p.created_at AT TIME ZONE el.timezone)::date AS day,
       p.created_at, f.period, f.owner_kind, ao.employee_pseudonym,
       o.code AS opd_code, o.name AS opd_name,
       f.candidate_numbers, f.stance, f.severity_ethics, f.severity_discipline,
       f.ruleset_version, (f.content_hash = p.content_hash) AS is_current_version,
       p.deleted_at IS NOT NULL AS deleted,
       (SELECT array_agg(h.rule_id ORDER BY h.rule_id) FROM findings.rule_hit h
         WHERE h.finding_id = f.finding_id) AS rule_ids
FROM findings.finding f
JOIN core.post p USING (post_pk)
JOIN registry.election el USING (election_id)
LEFT JOIN mart.account_owner ao ON ao.account_id = p.account_id
LEFT JOIN registry.assignment asg
       ON asg.employee_id = ao.employee_id
      AND (p.created_at AT TIME ZONE el.timezone)::date >= asg.valid_from
      AND (asg.valid_to IS NULL OR (p.created_at AT TIME ZONE el.timezone)::date < asg.valid_to)
LEFT JOIN registry.opd o ON o.opd_id = coalesce(ao.own_opd_id, asg.opd_id);

CREATE MATERIALIZED VIEW mart.findings_daily AS
SELECT fl.election_id, fl.day, fl.platform,
       coalesce(fl.opd_code, '-') AS opd_code, coalesce(fl.opd_name, 'unregistered account') AS opd_name,
       fl.owner_kind, coalesce(fl.severity_discipline, '-') AS severity_discipline,
       c.number AS candidate_number,
       count(DISTINCT (fl.platform, fl.post_id)) AS posts,
       count(*) AS findings
FROM mart.finding_list fl
CROSS JOIN LATERAL unnest(CASE WHEN cardinality(fl.candidate_numbers) = 0 THEN ARRAY[0]
                               ELSE fl.candidate_numbers END) AS c(number)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
CREATE UNIQUE INDEX findings_daily_key ON mart.findings_daily
    (election_id, day, platform, opd_code, owner_kind, severity_discipline, candidate_number);

