-- The window's findings get their rule hits anew (the insert follows in insert_hits.sql: a
-- data-modifying CTE would not see this delete).
DELETE FROM findings.rule_hit h
USING stage.finding s
JOIN findings.finding f USING (post_pk, content_hash, election_id, ruleset_version)
WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id AND h.finding_id = f.finding_id
  AND NOT EXISTS (SELECT 1 FROM cases.case_finding cf WHERE cf.finding_id = f.finding_id)
