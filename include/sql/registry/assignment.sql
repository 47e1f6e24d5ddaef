INSERT INTO registry.assignment (employee_id, opd_id, valid_from, valid_to)
SELECT e.employee_id, o.opd_id, r.valid_from::date, nullif(r.valid_to, '')::date
FROM pg_temp.reg_assignment r
JOIN registry.employee e USING (employee_code)
JOIN registry.opd o ON o.code = r.opd_code
ON CONFLICT (employee_id, valid_from) DO NOTHING
