UPDATE registry.employee e
SET supervisor_id = s.employee_id
FROM pg_temp.reg_employee r
JOIN registry.employee s ON s.employee_code = nullif(r.supervisor_code, '')
WHERE e.employee_code = r.employee_code AND e.supervisor_id IS DISTINCT FROM s.employee_id
