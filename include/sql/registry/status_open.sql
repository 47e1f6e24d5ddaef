-- The status in force from the load's day for an employee whose period was just closed; for an
-- employee new to the registry, since before the registry knew (valid_from NULL).
INSERT INTO registry.employee_status (employee_id, status, valid_from)
SELECT e.employee_id, r.status,
       CASE WHEN EXISTS (SELECT 1 FROM registry.employee_status h WHERE h.employee_id = e.employee_id)
            THEN CAST(:day AS date) END
FROM pg_temp.reg_employee r
JOIN registry.employee e USING (employee_code)
WHERE NOT EXISTS (SELECT 1 FROM registry.employee_status s WHERE s.employee_id = e.employee_id AND s.valid_to IS NULL)
