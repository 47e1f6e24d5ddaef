-- Every OPD of the registry: a public list (agencies, not people), so that a report or an export
-- names the OPDs that posted nothing too.
CREATE VIEW mart.opd AS
SELECT o.code AS opd_code, o.name AS opd_name, o.kind
FROM registry.opd o;
