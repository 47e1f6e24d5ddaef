-- One row per flagged post version, with where it sits: day in the election's zone, OPD, owner.
CREATE VIEW mart.finding_list AS
SELECT f.finding_id, f.election_id, p.platform, p.post_id, p.permalink, p.post_type,
       (p.created_at AT TIME ZONE el.timezone)::date AS day,
       p.created_at, f.period, f.owner_kind, ao.employee_pseudonym,
       o.code AS opd_code, o.name AS opd_name,
       f.candidate_numbers, f.stance, f.severity_ethics, f.severity_discipline,
       f.ruleset_version, (f.content_hash = p.content_hash) AS is_current_version,
       p.deleted_at IS NOT NULL AS deleted,
       (SELECT array_agg(h.rule_id ORDER BY h.rule_id) FROM findings.rule_hit h
         WHERE h.finding_id = f.finding_id) AS rule_ids,
       f.disposition, f.supports, f.opposes,
       coalesce((SELECT array_agg(x.rule_id ORDER BY x.rule_id) FROM findings.escalation x
                  WHERE x.finding_id = f.finding_id), '{}') AS escalations
FROM findings.finding f
JOIN core.post p USING (post_pk)
JOIN registry.election el USING (election_id)
LEFT JOIN mart.account_owner ao ON ao.account_id = p.account_id
LEFT JOIN registry.assignment asg
       ON asg.employee_id = ao.employee_id
      AND (p.created_at AT TIME ZONE el.timezone)::date >= asg.valid_from
      AND (asg.valid_to IS NULL OR (p.created_at AT TIME ZONE el.timezone)::date < asg.valid_to)
LEFT JOIN registry.opd o ON o.opd_id = coalesce(ao.own_opd_id, asg.opd_id);
