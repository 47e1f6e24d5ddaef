CREATE OR REPLACE FUNCTION ops.count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
DECLARE run text := current_setting('netra.window_run', true);
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('netra.writes'));
    PERFORM nextval('ops.write_count');
    IF coalesce(run, '') <> '' THEN
        UPDATE ops.run_write SET writes = writes + 1 WHERE run_key = run;
    END IF;
    RETURN NULL;
END $$;
