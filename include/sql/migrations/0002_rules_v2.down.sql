DROP TABLE findings.escalation;
ALTER TABLE stage.finding DROP COLUMN disposition, DROP COLUMN supports, DROP COLUMN opposes, DROP COLUMN escalations;
ALTER TABLE findings.finding DROP COLUMN disposition, DROP COLUMN supports, DROP COLUMN opposes;
