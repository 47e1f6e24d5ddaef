-- Findings counted by election, day, platform, OPD, owner kind, disposition, severity and candidate
-- (0: none named): flagged_posts counts distinct posts (inside the view, which shows no post's
-- identity), finding_count the findings (one per post version, election and ruleset version).
-- Refreshed CONCURRENTLY after every window, which needs the unique index.
CREATE MATERIALIZED VIEW mart.findings_daily AS
SELECT fl.election_id, fl.day, fl.platform,
       coalesce(fl.opd_code, '-') AS opd_code, coalesce(fl.opd_name, 'unregistered account') AS opd_name,
       fl.owner_kind, fl.disposition, coalesce(fl.severity_discipline, '-') AS severity_discipline,
       c.number AS candidate_number,
       count(DISTINCT f.post_pk) AS flagged_posts,
       count(*) AS finding_count,
       count(*) FILTER (WHERE cardinality(fl.escalations) > 0) AS escalated
FROM mart.finding_list fl
JOIN findings.finding f USING (finding_id)
CROSS JOIN LATERAL unnest(CASE WHEN cardinality(fl.candidate_numbers) = 0 THEN ARRAY[0]
                               ELSE fl.candidate_numbers END) AS c(number)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
CREATE UNIQUE INDEX findings_daily_key ON mart.findings_daily
    (election_id, day, platform, opd_code, owner_kind, disposition, severity_discipline, candidate_number);
