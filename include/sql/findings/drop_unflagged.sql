-- A version of this window that the same ruleset no longer flags loses its finding.
DELETE FROM findings.finding f
USING core.window_post s
WHERE s.window_start = :window_start AND s.window_end = :window_end AND f.post_pk = s.post_pk AND f.content_hash = s.content_hash
  AND f.election_id = :election_id AND f.ruleset_version = :ruleset_version
  AND NOT EXISTS (SELECT 1 FROM stage.finding st
                  WHERE st.window_start = :window_start AND st.window_end = :window_end AND st.election_id = f.election_id
                    AND st.post_pk = f.post_pk AND st.content_hash = f.content_hash)
