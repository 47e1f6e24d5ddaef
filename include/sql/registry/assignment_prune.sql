-- The export is the whole assignment history of each listed employee: drop what it no longer has
-- (insert follows in assignment.sql; a data-modifying CTE would not see this delete).
DELETE FROM registry.assignment a
USING registry.employee e
WHERE a.employee_id = e.employee_id
  AND e.employee_code IN (SELECT employee_code FROM pg_temp.reg_assignment)
  AND NOT EXISTS (
      SELECT 1 FROM pg_temp.reg_assignment r JOIN registry.opd o ON o.code = r.opd_code
      WHERE r.employee_code = e.employee_code AND r.valid_from::date = a.valid_from
        AND o.opd_id = a.opd_id AND nullif(r.valid_to, '')::date IS NOT DISTINCT FROM a.valid_to)
