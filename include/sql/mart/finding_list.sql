-- One row per flagged post version, with where it sits: day in the election's zone, OPD, owner.
-- An employee (or an unregistered person) appears by keyed pseudonym only: the post's id and
-- permalink, which lead to its author, are given for the OPDs' own posts alone, and the time of
-- other posts only to the hour. The judged version's text and the rule hits' evidence likewise:
-- an employee's words searched on the platform find the employee, so other rows have NULL there.
CREATE VIEW mart.finding_list AS
SELECT f.finding_id, f.election_id, p.platform,
       CASE WHEN a.owner_type = 'opd' THEN p.post_id END AS post_id,
       CASE WHEN a.owner_type = 'opd' THEN p.permalink END AS permalink,
       p.post_type, (p.created_at AT TIME ZONE el.timezone)::date AS day,
       CASE WHEN a.owner_type = 'opd' THEN p.created_at ELSE date_trunc('hour', p.created_at) END AS created_at,
       f.period, f.owner_kind, a.pseudonym AS account_pseudonym, e.pseudonym AS employee_pseudonym,
       o.code AS opd_code, o.name AS opd_name,
       f.candidate_numbers, f.stance, f.severity_ethics, f.severity_discipline,
       f.ruleset_version, (f.content_hash = p.content_hash) AS is_current_version,
       p.deleted_at IS NOT NULL AS deleted,
       (SELECT array_agg(h.rule_id ORDER BY h.rule_id) FROM findings.rule_hit h
         WHERE h.finding_id = f.finding_id) AS rule_ids,
       f.disposition, f.supports, f.opposes,
       coalesce((SELECT array_agg(x.rule_id ORDER BY x.rule_id) FROM findings.escalation x
                  WHERE x.finding_id = f.finding_id), '{}') AS escalations,
       CASE WHEN a.owner_type = 'opd' THEN
            (SELECT v.text FROM core.post_version v WHERE v.post_pk = f.post_pk AND v.content_hash = f.content_hash)
       END AS text,
       CASE WHEN a.owner_type = 'opd' THEN
            (SELECT jsonb_object_agg(h.rule_id, h.evidence) FROM findings.rule_hit h WHERE h.finding_id = f.finding_id)
       END AS evidence
FROM findings.finding f
JOIN core.post p USING (post_pk)
JOIN registry.election el USING (election_id)
LEFT JOIN registry.account a ON a.account_id = p.account_id
LEFT JOIN registry.employee e ON e.employee_id = a.employee_id
LEFT JOIN registry.assignment asg
       ON asg.employee_id = a.employee_id
      AND (p.created_at AT TIME ZONE el.timezone)::date >= asg.valid_from
      AND (asg.valid_to IS NULL OR (p.created_at AT TIME ZONE el.timezone)::date < asg.valid_to)
LEFT JOIN registry.opd o ON o.opd_id = coalesce(a.opd_id, asg.opd_id);
