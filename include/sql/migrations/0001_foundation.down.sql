DROP SCHEMA IF EXISTS ops, mart, findings, quarantine, core, stage, raw, registry CASCADE;
