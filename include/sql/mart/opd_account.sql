-- The OPDs' own accounts, with their handles: an agency's official presence is public. No employee
-- appears here.
CREATE VIEW mart.opd_account AS
SELECT a.pseudonym AS account_pseudonym, a.platform, a.handle, a.official, o.code AS opd_code, o.name AS opd_name
FROM registry.account a
JOIN registry.opd o ON o.opd_id = a.opd_id
WHERE a.owner_type = 'opd';
