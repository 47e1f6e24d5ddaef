-- A version of this window that the same ruleset no longer flags loses its finding, unless a case
-- is made of it (a case's evidence stays what it was when the case took it).
DELETE FROM findings.finding f
USING core.window_post s
WHERE s.window_start = :window_start AND s.window_end = :window_end AND f.post_pk = s.post_pk AND f.content_hash = s.content_hash
  AND f.election_id = :election_id AND f.ruleset_version = :ruleset_version
  AND NOT EXISTS (SELECT 1 FROM stage.finding st
                  WHERE st.window_start = :window_start AND st.window_end = :window_end AND st.election_id = f.election_id
                    AND st.post_pk = f.post_pk AND st.content_hash = f.content_hash)
  AND NOT EXISTS (SELECT 1 FROM cases.case_finding cf WHERE cf.finding_id = f.finding_id)
