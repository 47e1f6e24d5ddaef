-- Marts that analysts query. Materialized, refreshed at the end of every pipeline run
-- (REFRESH ... CONCURRENTLY, hence a unique index on each).

-- Who owned an account on a given day: the OPD itself, or the employee's unit on that day.
CREATE VIEW mart.account_owner AS
SELECT a.account_id, a.platform, a.handle, a.owner_type, a.official,
       a.opd_id AS own_opd_id, a.employee_id, e.status AS employee_status,
       'ASN-' || lpad(a.employee_id::text, 5, '0') AS employee_pseudonym
FROM registry.account a
LEFT JOIN registry.employee e USING (employee_id);

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

-- Is every declared account actually being seen? Posts collected per account and when.
CREATE MATERIALIZED VIEW mart.account_coverage AS
WITH posts AS (
    SELECT account_id, count(*) AS posts_seen, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS posts_deleted,
           min(created_at) AS first_post_at, max(created_at) AS last_post_at, max(last_seen_at) AS last_seen_at
    FROM core.post WHERE account_id IS NOT NULL GROUP BY account_id
), flagged AS (
    SELECT p.account_id, count(*) AS findings
    FROM findings.finding f JOIN core.post p USING (post_pk)
    WHERE p.account_id IS NOT NULL GROUP BY p.account_id
)
SELECT a.account_id, a.platform, a.handle, a.owner_type, a.official,
       ao.employee_pseudonym, o.code AS opd_code,
       coalesce(ps.posts_seen, 0) AS posts_seen, coalesce(ps.posts_deleted, 0) AS posts_deleted,
       ps.first_post_at, ps.last_post_at, ps.last_seen_at, coalesce(fl.findings, 0) AS findings
FROM registry.account a
JOIN mart.account_owner ao USING (account_id)
LEFT JOIN registry.assignment asg ON asg.employee_id = a.employee_id AND asg.valid_to IS NULL
LEFT JOIN registry.opd o ON o.opd_id = coalesce(a.opd_id, asg.opd_id)
LEFT JOIN posts ps ON ps.account_id = a.account_id
LEFT JOIN flagged fl ON fl.account_id = a.account_id;
CREATE UNIQUE INDEX account_coverage_key ON mart.account_coverage (account_id);
