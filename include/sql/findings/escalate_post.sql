-- Escalations judged with the post itself (NET-QUIET: made in the quiet period or on voting day),
-- staged with the finding; the window's findings get them anew.
INSERT INTO findings.escalation (finding_id, finding_post_pk, rule_id, rule_version, detail)
SELECT f.finding_id, f.post_pk, x->>'rule_id', (x->>'rule_version')::int, coalesce(x->'detail', '{}')
FROM stage.finding s
JOIN findings.finding f USING (post_pk, content_hash, election_id, ruleset_version)
CROSS JOIN LATERAL jsonb_array_elements(s.escalations) x
WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id
