-- Running deadlines of open cases due within :working_days working days after :today (Monday to
-- Friday, not a day off in cases.day_off), or already overdue: one row, the first :listed named.
WITH due AS (
    SELECT d.*, (SELECT count(*) FROM generate_series(CAST(:today AS date) + 1, d.due_on, interval '1 day') g
                  WHERE extract(isodow FROM g) < 6 AND NOT EXISTS (SELECT 1 FROM cases.day_off o WHERE o.day = g::date))
                    AS working_days_left
    FROM ops.running_deadlines d
), near AS (
    SELECT format('case %s (%s, %s): %s due %s%s', case_id, coalesce(opd_code, '-'), state, label, due_on,
                  CASE WHEN due_on < CAST(:today AS date) THEN ', overdue' ELSE '' END) AS line, due_on, case_id
    FROM due
    WHERE due_on < CAST(:today AS date) OR working_days_left <= :working_days
)
SELECT 'open cases' AS subject, count(*) AS value, CAST(:working_days AS float8) AS threshold,
       count(*) > 0 AS breached,
       coalesce(array_to_string((array_agg(line ORDER BY due_on, case_id))[1:CAST(:listed AS int)], '; ')
                || CASE WHEN count(*) > :listed THEN format(' and %s more', count(*) - :listed) ELSE '' END, '')
           AS detail
FROM near
