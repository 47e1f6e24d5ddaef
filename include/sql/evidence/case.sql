-- A case and whom it is about, as of the day of its first post (desk.case_subject).
SELECT c.case_id, c.election_id, cs.election_name, cs.timezone, c.state, s.label AS state_label,
       c.discovered_at, c.opened_at, c.closed_at, cs.first_post_day,
       c.employee_id, cs.full_name, cs.nip, cs.position, cs.status,
       c.account_id, cs.account_platform, cs.account_handle, cs.official, cs.opd_name
FROM cases.case c
JOIN desk.case_subject cs ON cs.case_id = c.case_id
JOIN cases.state s ON s.state_id = c.state
WHERE c.case_id = :case_id
