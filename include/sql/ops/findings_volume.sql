-- What the rules found per window and disposition (breach, or review of the incumbent on an
-- official account): findings (one per post version, election and ruleset version), distinct
-- posts, and findings escalated (quiet period, voting day, repeats).
CREATE VIEW ops.findings_volume AS
SELECT f.window_start, f.window_end, f.disposition, count(*) AS findings,
       count(DISTINCT f.post_pk) AS flagged_posts,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM findings.escalation x WHERE x.finding_id = f.finding_id)) AS escalated
FROM findings.finding f
GROUP BY 1, 2, 3;
