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

-- The clock of a case just opened: nothing runs before discovery, so there is no deadline to end
-- (a province's first window opens 33,000 cases, and the search for one, planned on a table
-- taken for empty, scanned every deadline already started: 31 s instead of 5). A calendar
-- deadline is counted without planning the working-day search.
CREATE OR REPLACE FUNCTION cases.due_on(start date, days int, unit text) RETURNS date
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, cases AS $$
BEGIN
    IF unit = 'calendar' THEN
        RETURN start + days;
    END IF;
    RETURN (SELECT d::date FROM generate_series(start + 1, start + days * 3 + 60, interval '1 day') d
            WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM cases.day_off o WHERE o.day = d::date)
            ORDER BY d OFFSET days - 1 LIMIT 1);
END $$;

CREATE OR REPLACE FUNCTION cases.clock(case_row cases.case, event text, at timestamptz, terminal boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, cases AS $$
DECLARE zone text;
BEGIN
    SELECT timezone INTO zone FROM registry.election WHERE election_id = case_row.election_id;
    IF event <> 'discovered' OR terminal THEN
        UPDATE cases.deadline d SET met_at = at, ended = CASE WHEN r.until_state = event THEN 'met' ELSE event END
        FROM cases.deadline_rule r
        WHERE d.case_id = case_row.case_id AND d.deadline_id = r.deadline_id AND d.met_at IS NULL
          AND (r.until_state = event OR terminal);
    END IF;
    INSERT INTO cases.deadline (case_id, deadline_id, started_at, due_on)
    SELECT case_row.case_id, r.deadline_id, at, cases.due_on((at AT TIME ZONE zone)::date, r.days, r.unit)
    FROM cases.deadline_rule r
    WHERE r.active AND r.from_state = event AND NOT terminal
    ON CONFLICT DO NOTHING;
END $$;
