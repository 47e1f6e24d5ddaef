DROP FUNCTION ops.analyze(text[]);

-- The clock's functions as 0007_case_desk made them.
CREATE OR REPLACE FUNCTION cases.due_on(start date, days int, unit text) RETURNS date
LANGUAGE sql STABLE SET search_path = pg_catalog, cases AS $$
    SELECT CASE WHEN unit = 'calendar' THEN start + days ELSE (
        SELECT d::date FROM generate_series(start + 1, start + days * 3 + 60, interval '1 day') d
        WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM cases.day_off o WHERE o.day = d::date)
        ORDER BY d OFFSET days - 1 LIMIT 1) END
$$;

-- Start the deadlines that run from `event` (a state, or 'discovered'), end those it meets or
-- that a terminal state makes moot. Times are read in the election's zone.
CREATE OR REPLACE FUNCTION cases.clock(case_row cases.case, event text, at timestamptz, terminal boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, cases AS $$
DECLARE zone text;
BEGIN
    SELECT timezone INTO zone FROM registry.election WHERE election_id = case_row.election_id;
    UPDATE cases.deadline d SET met_at = at, ended = CASE WHEN r.until_state = event THEN 'met' ELSE event END
    FROM cases.deadline_rule r
    WHERE d.case_id = case_row.case_id AND d.deadline_id = r.deadline_id AND d.met_at IS NULL
      AND (r.until_state = event OR terminal);
    INSERT INTO cases.deadline (case_id, deadline_id, started_at, due_on)
    SELECT case_row.case_id, r.deadline_id, at, cases.due_on((at AT TIME ZONE zone)::date, r.days, r.unit)
    FROM cases.deadline_rule r
    WHERE r.active AND r.from_state = event AND NOT terminal
    ON CONFLICT DO NOTHING;
END $$;

