-- Decided cases (in the states the export file names), one row each: whom each is about as of its
-- first post (desk.case_subject), its posts' platforms and links, the rules hit, and the steps the
-- export reads (the last recommendation, decision and examination).
SELECT c.case_id, s.label AS state_label, c.election_id, cs.election_name, cs.timezone, c.discovered_at,
       cs.nip, cs.full_name, cs.position, cs.status, cs.opd_name, cs.account_platform, cs.account_handle,
       posts.first_post_at, posts.platforms, posts.permalinks, hits.rule_ids,
       rec.at AS recommended_at, dec.decision_track, dec.decision_outcome, o.label AS outcome_label,
       dec.measure, dec.at AS decided_at, exam.actor AS examiner
FROM cases.case c
JOIN desk.case_subject cs ON cs.case_id = c.case_id
JOIN cases.state s ON s.state_id = c.state
CROSS JOIN LATERAL (
    SELECT min(p.created_at) AS first_post_at,
           array_agg(p.platform::text ORDER BY p.created_at, p.post_pk) AS platforms,
           array_agg(p.permalink ORDER BY p.created_at, p.post_pk) FILTER (WHERE p.permalink IS NOT NULL) AS permalinks
    FROM cases.case_finding cf JOIN findings.finding f USING (finding_id) JOIN core.post p USING (post_pk)
    WHERE cf.case_id = c.case_id) posts
CROSS JOIN LATERAL (
    SELECT array_agg(DISTINCT h.rule_id ORDER BY h.rule_id) AS rule_ids
    FROM cases.case_finding cf JOIN findings.rule_hit h USING (finding_id)
    WHERE cf.case_id = c.case_id) hits
LEFT JOIN LATERAL (
    SELECT ev.at FROM cases.event ev WHERE ev.case_id = c.case_id AND ev.action = :recommendation_action
    ORDER BY ev.at DESC, ev.event_id DESC LIMIT 1) rec ON true
LEFT JOIN LATERAL (
    SELECT ev.actor FROM cases.event ev WHERE ev.case_id = c.case_id AND ev.action = :examination_action
    ORDER BY ev.at DESC, ev.event_id DESC LIMIT 1) exam ON true
LEFT JOIN LATERAL (
    SELECT ev.at, ev.decision_track, ev.decision_outcome, ev.measure
    FROM cases.event ev WHERE ev.case_id = c.case_id AND ev.decision_track IS NOT NULL
    ORDER BY ev.at DESC, ev.event_id DESC LIMIT 1) dec ON true
LEFT JOIN cases.outcome o ON o.track = dec.decision_track AND o.outcome_id = dec.decision_outcome
WHERE c.state = ANY(:states)
  AND (CAST(:election_id AS text) IS NULL OR c.election_id = CAST(:election_id AS text))
ORDER BY c.case_id
