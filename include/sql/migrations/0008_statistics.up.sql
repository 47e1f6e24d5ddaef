-- Planner statistics on demand. A window of a province loads hundreds of thousands of rows into
-- tables whose statistics still describe them empty or small, and the next statements plan nested
-- loops over them (NET-REPEAT took 72 s instead of 0.1 s). ANALYZE needs the table's owner, so the
-- loader asks this function, which analyzes only the pipeline's own tables.
CREATE FUNCTION ops.analyze(tables text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
DECLARE
    name text;
    t regclass;
BEGIN
    FOREACH name IN ARRAY tables LOOP
        t := to_regclass(name);
        IF t IS NULL OR NOT EXISTS (
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = t AND c.relkind IN ('r', 'p')
                  AND n.nspname IN ('raw', 'stage', 'core', 'findings', 'cases', 'quarantine')) THEN
            RAISE EXCEPTION 'ops.analyze: % is not a table of the pipeline', name;
        END IF;
        EXECUTE format('ANALYZE %s', t);
    END LOOP;
END $$;
