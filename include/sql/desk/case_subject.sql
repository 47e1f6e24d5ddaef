-- Whom a case is about, as of the day of its first post (in the election's zone): the employee's
-- name, NIP, position, status and OPD on that day (their status now beside it), or the account
-- and its OPD; the case's OPD when the registry has none for that day. A row per case its reader
-- may see (cases.sees with current_user, which inside a view is the reader).
-- What is dated is read in aggregates (one row per case, at most one period holds a day), so the
-- planner drops them for a reader that selects none of it (the queue) instead of running them.
CREATE VIEW desk.case_subject WITH (security_barrier) AS
SELECT c.case_id, c.election_id, el.name AS election_name, el.timezone, first.day AS first_post_day,
       c.employee_id, emp.full_name, emp.nip, emp.position, coalesce(st.status, emp.status) AS status,
       emp.status AS current_status, emp.pseudonym AS employee_pseudonym,
       c.account_id, acc.platform::text AS account_platform, acc.handle AS account_handle, acc.official,
       o.opd_id, o.name AS opd_name
FROM cases.case c
JOIN registry.election el ON el.election_id = c.election_id
LEFT JOIN registry.employee emp ON emp.employee_id = c.employee_id
LEFT JOIN registry.account acc ON acc.account_id = c.account_id
LEFT JOIN LATERAL (
    SELECT (min(p.created_at) AT TIME ZONE el.timezone)::date AS day
    FROM cases.case_finding cf JOIN findings.finding f USING (finding_id) JOIN core.post p USING (post_pk)
    WHERE cf.case_id = c.case_id) first ON true
LEFT JOIN LATERAL (
    SELECT max(st.status) AS status FROM registry.employee_status st
    WHERE st.employee_id = c.employee_id AND daterange(st.valid_from, st.valid_to) @> first.day) st ON true
LEFT JOIN LATERAL (
    SELECT max(a.opd_id) AS opd_id FROM registry.assignment a
    WHERE a.employee_id = c.employee_id AND daterange(a.valid_from, a.valid_to) @> first.day) a ON true
LEFT JOIN registry.opd o ON o.opd_id = coalesce(a.opd_id, acc.opd_id, c.opd_id)
WHERE cases.sees(current_user, c.opd_id);
