-- The case queue: a row per case its reader may see (cases.sees with current_user, which inside a
-- view is the reader: case officers every case, supervisors their OPDs'), with whom it is about
-- (desk.case_subject, with the employee's status now), the case's OPD, where it stands, how severe
-- its findings are, and the deadline running on it.
CREATE VIEW desk.queue WITH (security_barrier) AS
SELECT c.case_id, c.election_id, c.state, s.label AS state_label, s.terminal,
       c.employee_id, cs.full_name, cs.nip, cs.current_status AS employee_status, cs.employee_pseudonym,
       c.account_id, cs.account_platform, cs.account_handle,
       c.opd_id, o.code AS opd_code, o.name AS opd_name,
       f.severity, f.platforms, f.findings,
       c.discovered_at, c.opened_at, c.closed_at,
       d.deadline_id, d.label AS deadline_label, d.due_on,
       d.due_on - (now() AT TIME ZONE cs.timezone)::date AS days_left,
       coalesce(d.due_on < (now() AT TIME ZONE cs.timezone)::date, false) AS overdue,
       EXISTS (SELECT 1 FROM cases.escalation x WHERE x.case_id = c.case_id) AS escalated
FROM cases.case c
JOIN desk.case_subject cs ON cs.case_id = c.case_id
JOIN cases.state s ON s.state_id = c.state
LEFT JOIN registry.opd o ON o.opd_id = c.opd_id
-- Severity: the heaviest discipline tier of its findings (PP 94/2021: ringan < sedang < berat).
LEFT JOIN LATERAL (
    SELECT (ARRAY['ringan', 'sedang', 'berat'])[max(array_position(ARRAY['ringan', 'sedang', 'berat'],
                                                                   fi.severity_discipline))] AS severity,
           array_agg(DISTINCT p.platform::text ORDER BY p.platform::text) AS platforms,
           count(*) AS findings
    FROM cases.case_finding cf
    JOIN findings.finding fi ON fi.finding_id = cf.finding_id
    JOIN core.post p ON p.post_pk = fi.post_pk
    WHERE cf.case_id = c.case_id) f ON true
-- The deadline that falls first among those still running.
LEFT JOIN LATERAL (
    SELECT dl.deadline_id, r.label, dl.due_on
    FROM cases.deadline dl JOIN cases.deadline_rule r ON r.deadline_id = dl.deadline_id
    WHERE dl.case_id = c.case_id AND dl.met_at IS NULL
    ORDER BY dl.due_on, dl.deadline_id LIMIT 1) d ON true
WHERE cases.sees(current_user, c.opd_id);
