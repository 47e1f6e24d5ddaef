-- Keyed pseudonyms computed by the loader (netra.pseudonym); the key itself never reaches here.
UPDATE registry.employee e SET pseudonym = p.pseudonym
FROM pg_temp.reg_employee_pseudonym p
WHERE e.employee_id = p.id AND e.pseudonym IS DISTINCT FROM p.pseudonym
