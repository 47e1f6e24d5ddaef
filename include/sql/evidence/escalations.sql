-- The escalations of the case's findings (quiet period, repeated findings).
SELECT x.finding_id, x.rule_id, x.rule_version, x.detail
FROM findings.escalation x
JOIN cases.case_finding cf USING (finding_id)
WHERE cf.case_id = :case_id
ORDER BY x.finding_id, x.rule_id
