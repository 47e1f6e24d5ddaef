-- The export is the whole history of each listed employee: replace theirs with it.
WITH listed AS (SELECT DISTINCT employee_code FROM pg_temp.reg_assignment),
gone AS (
    DELETE FROM registry.assignment a
    USING registry.employee e, listed l
    WHERE a.employee_id = e.employee_id AND e.employee_code = l.employee_code
)
INSERT INTO registry.assignment (employee_id, opd_id, valid_from, valid_to)
SELECT e.employee_id, o.opd_id, r.valid_from::date, nullif(r.valid_to, '')::date
FROM pg_temp.reg_assignment r
JOIN registry.employee e USING (employee_code)
JOIN registry.opd o ON o.code = r.opd_code
