-- The posts of a case as its reader may see them: one row per finding, with the text of the
-- version that was judged (not the post's current one), where and when it was posted, whether it
-- was deleted since, the rules that hit with their evidence spans, and the monitoring team's
-- review of that version in force (the latest).
CREATE VIEW desk.case_post WITH (security_barrier) AS
SELECT cf.case_id, f.finding_id, f.election_id, f.post_pk, f.content_hash,
       p.platform::text AS platform, p.post_id, p.post_type, p.permalink, p.account_handle,
       p.created_at, p.deleted_at, v.text, f.content_hash = p.content_hash AS current_version,
       f.period, f.stance, f.candidate_numbers, f.owner_kind, f.severity_ethics, f.severity_discipline,
       f.ruleset_version, f.disposition,
       coalesce((SELECT jsonb_agg(jsonb_build_object('rule_id', h.rule_id, 'rule_version', h.rule_version,
                                                     'evidence', h.evidence) ORDER BY h.rule_id)
                 FROM findings.rule_hit h WHERE h.finding_id = f.finding_id), '[]') AS hits,
       coalesce((SELECT array_agg(x.rule_id ORDER BY x.rule_id) FROM findings.escalation x
                 WHERE x.finding_id = f.finding_id), '{}') AS escalations,
       r.verdict AS review_verdict, r.reason AS review_reason, r.actor AS review_actor, r.at AS review_at
FROM cases.case c
JOIN cases.case_finding cf ON cf.case_id = c.case_id
JOIN findings.finding f ON f.finding_id = cf.finding_id
JOIN core.post p ON p.post_pk = f.post_pk
JOIN core.post_version v ON v.post_pk = f.post_pk AND v.content_hash = f.content_hash
LEFT JOIN LATERAL (
    SELECT fr.verdict, fr.reason, fr.actor, fr.at FROM cases.finding_review fr
    WHERE fr.post_pk = f.post_pk AND fr.content_hash = f.content_hash AND fr.election_id = f.election_id
    ORDER BY fr.review_id DESC LIMIT 1) r ON true
WHERE cases.sees(current_user, c.opd_id);
