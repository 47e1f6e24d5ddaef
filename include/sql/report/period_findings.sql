-- The findings the windows inside the period [:start, :end) made, as the analysts' mart shows them
-- (pseudonyms; an OPD post's text and permalink, nobody else's), with every rule's evidence spans,
-- the case each joined and where that case stands, and the monitoring team's latest verdict.
SELECT fl.finding_id, fl.election_id, fl.platform, fl.post_type, fl.created_at, fl.owner_kind,
       fl.employee_pseudonym, fl.account_pseudonym, fl.opd_code, fl.opd_name, fl.permalink, fl.text,
       fl.candidate_numbers, fl.stance, fl.severity_discipline, fl.disposition, fl.escalations,
       fl.deleted,
       (SELECT jsonb_agg(jsonb_build_object('rule_id', h.rule_id, 'evidence', h.evidence) ORDER BY h.rule_id)
          FROM findings.rule_hit h WHERE h.finding_id = f.finding_id) AS hits,
       cf.case_id, st.label AS case_state, r.verdict
FROM findings.finding f
JOIN mart.finding_list fl USING (finding_id)
LEFT JOIN cases.case_finding cf USING (finding_id)
LEFT JOIN cases.case c ON c.case_id = cf.case_id
LEFT JOIN cases.state st ON st.state_id = c.state
LEFT JOIN LATERAL (SELECT fr.verdict FROM cases.finding_review fr
                    WHERE (fr.post_pk, fr.content_hash, fr.election_id) = (f.post_pk, f.content_hash, f.election_id)
                    ORDER BY fr.review_id DESC LIMIT 1) r ON true
WHERE f.window_start >= :start AND f.window_start < :end AND f.window_end <= :end  -- the first bound of the index scan
ORDER BY fl.owner_kind = 'opd' DESC, fl.severity_discipline = 'berat' DESC, fl.created_at, fl.finding_id
