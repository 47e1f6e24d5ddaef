-- An employee whose status in the export differs from the status in force closes that period on
-- the load's day (the export is dated by its load); a period opened that very day is corrected in
-- place instead. status_open.sql then opens the new period.
UPDATE registry.employee_status s
SET valid_to = CASE WHEN s.valid_from IS NULL OR s.valid_from < :day THEN CAST(:day AS date) END,
    status   = CASE WHEN s.valid_from IS NULL OR s.valid_from < :day THEN s.status ELSE r.status END
FROM pg_temp.reg_employee r
JOIN registry.employee e USING (employee_code)
WHERE s.employee_id = e.employee_id AND s.valid_to IS NULL AND s.status <> r.status
