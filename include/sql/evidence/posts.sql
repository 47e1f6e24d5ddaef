-- The case's findings, one row each, with the post, the version judged, and the owner's OPD and
-- status on the day of the post (in the election's zone).
SELECT f.finding_id, f.post_pk, f.content_hash, f.ruleset_version, f.period, f.stance, f.candidate_numbers,
       f.owner_kind, f.severity_ethics, f.severity_discipline, f.disposition, f.evaluated_at, cf.attached_at,
       p.platform, p.post_id, p.post_type, p.account_handle, p.permalink, p.created_at, p.parent_post_id,
       p.ref_account, p.first_seen_at, p.last_seen_at, p.deleted_at, v.text,
       coalesce(o.name, o_acc.name) AS opd_name, st.status
FROM cases.case_finding cf
JOIN cases.case c ON c.case_id = cf.case_id
JOIN registry.election e ON e.election_id = c.election_id
JOIN findings.finding f ON f.finding_id = cf.finding_id
JOIN core.post p ON p.post_pk = f.post_pk
JOIN core.post_version v ON v.post_pk = f.post_pk AND v.content_hash = f.content_hash
LEFT JOIN registry.account acc ON acc.account_id = p.account_id
LEFT JOIN registry.opd o_acc ON o_acc.opd_id = acc.opd_id
LEFT JOIN registry.assignment a
       ON a.employee_id = c.employee_id
      AND daterange(a.valid_from, a.valid_to) @> (p.created_at AT TIME ZONE e.timezone)::date
LEFT JOIN registry.opd o ON o.opd_id = a.opd_id
LEFT JOIN registry.employee_status st
       ON st.employee_id = c.employee_id
      AND daterange(st.valid_from, st.valid_to) @> (p.created_at AT TIME ZONE e.timezone)::date
WHERE cf.case_id = :case_id
ORDER BY p.created_at, f.finding_id
