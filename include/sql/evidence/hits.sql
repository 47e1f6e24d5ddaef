-- The rule hits of the case's findings, with their evidence ([{text, start, end, ...}]).
SELECT h.finding_id, h.rule_id, h.rule_version, h.evidence
FROM findings.rule_hit h
JOIN cases.case_finding cf USING (finding_id)
WHERE cf.case_id = :case_id
ORDER BY h.finding_id, h.rule_id
