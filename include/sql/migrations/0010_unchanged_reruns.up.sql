-- Reruns of an unchanged window (issue 14). A window run again with the same landed files, code,
-- rules and settings, when nothing has written to the warehouse since its last complete run,
-- would write exactly what is there: its steps may skip. "Nothing has written" is counted here.
--
-- ops.write_count moves on every statement that writes a table the pipeline's steps read (any
-- table of registry, raw, stage, core, quarantine, findings, cases), whoever runs it: a step, the
-- case desk, retention, a registry load, an analyst's hand. A statement that changes no row
-- counts too, and so does one rolled back: the count may say "changed" when nothing did, never the
-- reverse. A sequence, not a row, so that writers never queue on it.
CREATE SEQUENCE ops.write_count;

-- A window's run counts its own writes here while its steps run (their transactions set
-- netra.window_run): its memo is taken only if every write counted since its first step was its
-- own, so a write someone else committed meanwhile, which a step may not have seen, re-derives
-- the window next time.
CREATE TABLE ops.run_write (
    run_key text PRIMARY KEY,
    since   bigint,                -- NULL: another write was in flight when the steps began
    writes  bigint NOT NULL DEFAULT 0
);

-- Every writer holds this lock shared until its transaction ends, so a run's memo is taken only
-- when no write is in flight (netra.unchanged.record).
CREATE FUNCTION ops.count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
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

-- Statement triggers on every table (a partitioned table's own; statements name the parents).
-- A table added later gets its trigger from ops.count_writes(), which netra.schema runs after
-- every migration, as it applies the grants.
CREATE FUNCTION ops.count_writes() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'cases')
          AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'counted_write')
    LOOP
        EXECUTE format('CREATE TRIGGER counted_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ops.count_write()', t);
    END LOOP;
END $$;
SELECT ops.count_writes();

-- What a window's last complete run read and where the write count stood when it ended.
CREATE TABLE ops.window_memo (
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    write_count  bigint NOT NULL,
    config       text NOT NULL,
    inputs       jsonb NOT NULL,
    run_id       text,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (window_start, window_end)
);
