-- The findings of the days [:start, :end) (the post's day in the election's zone, the city's), as
-- the analysts' mart gives them: employees by pseudonym, text and evidence for OPDs' posts only.
SELECT finding_id, election_id, platform, post_id, permalink, post_type, day, created_at, period,
       owner_kind, account_pseudonym, employee_pseudonym, opd_code, opd_name, candidate_numbers, stance,
       severity_ethics, severity_discipline, ruleset_version, is_current_version, deleted, rule_ids,
       disposition, supports, opposes, escalations, text, evidence
FROM mart.finding_list
WHERE day >= :start AND day < :end
ORDER BY day, finding_id
