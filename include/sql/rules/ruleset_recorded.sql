-- Whether the audit trail already says what a ruleset label stands for (recorded once per label).
SELECT 1 FROM audit.event WHERE kind = 'ruleset_load' AND subject = :subject LIMIT 1
