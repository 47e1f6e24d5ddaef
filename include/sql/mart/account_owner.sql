-- Who owned an account on a given day: the OPD itself, or the employee's unit on that day.
CREATE VIEW mart.account_owner AS
SELECT a.account_id, a.platform, a.handle, a.owner_type, a.official,
       a.opd_id AS own_opd_id, a.employee_id, e.status AS employee_status,
       'ASN-' || lpad(a.employee_id::text, 5, '0') AS employee_pseudonym
FROM registry.account a
LEFT JOIN registry.employee e USING (employee_id);
