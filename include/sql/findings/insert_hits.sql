INSERT INTO findings.rule_hit (finding_id, finding_post_pk, rule_id, rule_version, candidate_numbers, stance, evidence)
SELECT f.finding_id, f.post_pk, h->>'rule_id', (h->>'rule_version')::int,
       ARRAY(SELECT jsonb_array_elements_text(h->'candidate_numbers')::int), h->>'stance', h->'evidence'
FROM stage.finding s
JOIN findings.finding f USING (post_pk, content_hash, election_id, ruleset_version)
CROSS JOIN LATERAL jsonb_array_elements(s.hits) h
WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id
  AND NOT EXISTS (SELECT 1 FROM cases.case_finding cf WHERE cf.finding_id = f.finding_id)
