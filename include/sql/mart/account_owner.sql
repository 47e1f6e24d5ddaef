-- Who owns each registered account, as analysts may know it: the account and an employee owner by
-- keyed pseudonym (registry.account.pseudonym, registry.employee.pseudonym: HMAC under a key the
-- warehouse never holds), with the employee's status and unit today, or the OPD itself. No handle:
-- an employee's handle names them; the OPDs' own accounts, which are public, are in mart.opd_account.
CREATE VIEW mart.account_owner AS
SELECT a.pseudonym AS account_pseudonym, a.platform, a.owner_type, a.official,
       e.pseudonym AS employee_pseudonym, e.status AS employee_status, o.code AS opd_code
FROM registry.account a
LEFT JOIN registry.employee e ON e.employee_id = a.employee_id
LEFT JOIN registry.assignment asg ON asg.employee_id = a.employee_id AND asg.valid_to IS NULL
LEFT JOIN registry.opd o ON o.opd_id = coalesce(a.opd_id, asg.opd_id);
