-- A case and whom it is about, as of the day of its first post (in the election's zone): the
-- employee's name, NIP, position, status and OPD on that day, or the account and its OPD.
SELECT c.case_id, c.election_id, e.name AS election_name, e.timezone, c.state, s.label AS state_label,
       c.discovered_at, c.opened_at, c.closed_at, first.day AS first_post_day,
       c.employee_id, emp.full_name, emp.nip, emp.position, coalesce(st.status, emp.status) AS status,
       c.account_id, acc.platform AS account_platform, acc.handle AS account_handle, acc.official,
       coalesce(o_then.name, o_acc.name, o_case.name) AS opd_name
FROM cases.case c
JOIN cases.state s ON s.state_id = c.state
JOIN registry.election e ON e.election_id = c.election_id
LEFT JOIN registry.employee emp ON emp.employee_id = c.employee_id
LEFT JOIN registry.account acc ON acc.account_id = c.account_id
LEFT JOIN registry.opd o_acc ON o_acc.opd_id = acc.opd_id
LEFT JOIN registry.opd o_case ON o_case.opd_id = c.opd_id
CROSS JOIN LATERAL (
    SELECT (min(p.created_at) AT TIME ZONE e.timezone)::date AS day
    FROM cases.case_finding cf JOIN findings.finding f USING (finding_id) JOIN core.post p USING (post_pk)
    WHERE cf.case_id = c.case_id) first
LEFT JOIN registry.employee_status st
       ON st.employee_id = c.employee_id AND daterange(st.valid_from, st.valid_to) @> first.day
LEFT JOIN registry.assignment a
       ON a.employee_id = c.employee_id AND daterange(a.valid_from, a.valid_to) @> first.day
LEFT JOIN registry.opd o_then ON o_then.opd_id = a.opd_id
WHERE c.case_id = :case_id
