-- NET-REPEAT: a breach on an account that has at least :min_findings breaches (distinct posts,
-- this one included) within the :within_days before it, for the scope clear_escalations.sql
-- cleared: the window's accounts, within :within_days either side of the window. Counted with one
-- join of the scope to those accounts' breaches (which reach :within_days further back), not a
-- lookup per finding: a province's window has tens of thousands of them.
WITH accounts AS (
    SELECT DISTINCT p.account_id
    FROM stage.finding s JOIN core.post p USING (post_pk)
    WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id
      AND p.account_id IS NOT NULL
), breaches AS (
    SELECT f.finding_id, f.post_pk, p.account_id, p.created_at
    FROM findings.finding f
    JOIN core.post p USING (post_pk)
    JOIN accounts a USING (account_id)
    WHERE f.election_id = :election_id AND f.ruleset_version = :ruleset_version AND f.disposition = 'breach'
      AND p.created_at >= :window_start - make_interval(days => 2 * :within_days)
      AND p.created_at < :window_end + make_interval(days => :within_days)
), counted AS (
    SELECT s.finding_id, s.post_pk, count(DISTINCT b.post_pk) AS n
    FROM breaches s
    JOIN breaches b ON b.account_id = s.account_id
                   AND b.created_at > s.created_at - make_interval(days => :within_days)
                   AND b.created_at <= s.created_at
    WHERE s.created_at >= :window_start - make_interval(days => :within_days)
    GROUP BY s.finding_id, s.post_pk
)
INSERT INTO findings.escalation (finding_id, finding_post_pk, rule_id, rule_version, detail)
SELECT finding_id, post_pk, 'NET-REPEAT', :rule_version, jsonb_build_object('findings', n, 'within_days', :within_days)
FROM counted
WHERE n >= :min_findings
ON CONFLICT (finding_id, rule_id) DO UPDATE SET detail = EXCLUDED.detail, rule_version = EXCLUDED.rule_version
