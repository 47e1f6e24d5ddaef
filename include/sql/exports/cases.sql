-- The cases discovered on the days [:start, :end) in the city's zone (:timezone) that the reader
-- may see: desk.queue filters by the reader's login (case officers all, supervisors their OPDs').
SELECT case_id, election_id, state_label, nip, full_name, employee_pseudonym, account_platform,
       account_handle, opd_code, opd_name, severity, platforms, findings,
       (discovered_at AT TIME ZONE :timezone)::date AS discovered_date,
       (opened_at AT TIME ZONE :timezone)::date AS opened_date,
       (closed_at AT TIME ZONE :timezone)::date AS closed_date,
       deadline_label, due_on, overdue, escalated
FROM desk.queue
WHERE (discovered_at AT TIME ZONE :timezone)::date >= :start
  AND (discovered_at AT TIME ZONE :timezone)::date < :end
ORDER BY case_id
