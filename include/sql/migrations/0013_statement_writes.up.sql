-- A statement run by a trigger is counted with the statement that fired it (issue 14). Opening a
-- case starts its clock in a row trigger, which inserts its deadlines: a statement of its own,
-- counted again, and each count updated the run's one ops.run_write row. A province's first window
-- opens 32,880 cases in one statement: 32,960 updates of one row in one transaction, each walking
-- the versions the ones before it left, took 6.8 of open_cases' 11.7 s.
--
-- Counting only the statements a client sends keeps the guarantee of 0010 (the count may say
-- "changed" when nothing did, never the reverse) while every trigger that writes a counted table
-- sits on a counted table, whose own statement counts; tests/test_unchanged.py checks that the
-- tables outside the counted schemas have no trigger but the known ones, which write nothing
-- counted (audit.event's chain, ops.retention_run's audit row).
CREATE OR REPLACE FUNCTION ops.count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
DECLARE run text := current_setting('netra.window_run', true);
BEGIN
    IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtext('netra.writes'));
    PERFORM nextval('ops.write_count');
    IF coalesce(run, '') <> '' THEN
        UPDATE ops.run_write SET writes = writes + 1 WHERE run_key = run;
    END IF;
    RETURN NULL;
END $$;
