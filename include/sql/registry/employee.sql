INSERT INTO registry.employee AS e (employee_code, nip, full_name, status, position)
SELECT employee_code, nullif(nip, ''), full_name, status, position FROM pg_temp.reg_employee
ON CONFLICT (employee_code) DO UPDATE
SET nip = EXCLUDED.nip, full_name = EXCLUDED.full_name, status = EXCLUDED.status, position = EXCLUDED.position
WHERE (e.nip, e.full_name, e.status, e.position)
      IS DISTINCT FROM (EXCLUDED.nip, EXCLUDED.full_name, EXCLUDED.status, EXCLUDED.position)
