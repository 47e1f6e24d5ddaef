-- Every employee the registry holds, to be given a keyed pseudonym.
SELECT employee_id, employee_code FROM registry.employee
