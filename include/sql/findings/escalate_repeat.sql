-- NET-REPEAT: a breach on an account that has at least :min_findings breaches (distinct posts,
-- this one included) within the :within_days before it, for the scope clear_escalations.sql
-- cleared: the window's accounts, within :within_days either side of the window.
WITH scope AS (
    SELECT f.finding_id, p.account_id, p.created_at
    FROM findings.finding f JOIN core.post p USING (post_pk)
    WHERE f.election_id = :election_id AND f.ruleset_version = :ruleset_version AND f.disposition = 'breach'
      AND p.account_id IS NOT NULL
      AND p.created_at >= :window_start - make_interval(days => :within_days)
      AND p.created_at < :window_end + make_interval(days => :within_days)
      AND p.account_id IN (SELECT p2.account_id FROM stage.finding s JOIN core.post p2 USING (post_pk)
                           WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id)
)
INSERT INTO findings.escalation (finding_id, rule_id, rule_version, detail)
SELECT s.finding_id, 'NET-REPEAT', :rule_version,
       jsonb_build_object('findings', c.n, 'within_days', :within_days)
FROM scope s
CROSS JOIN LATERAL (
    SELECT count(DISTINCT f.post_pk) AS n
    FROM findings.finding f JOIN core.post p USING (post_pk)
    WHERE p.account_id = s.account_id AND f.election_id = :election_id AND f.ruleset_version = :ruleset_version
      AND f.disposition = 'breach'
      AND p.created_at > s.created_at - make_interval(days => :within_days) AND p.created_at <= s.created_at
) c
WHERE c.n >= :min_findings
ON CONFLICT (finding_id, rule_id) DO UPDATE SET detail = EXCLUDED.detail, rule_version = EXCLUDED.rule_version
