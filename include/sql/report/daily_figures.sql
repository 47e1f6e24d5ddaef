-- A line of figures per local day (:timezone) from :first_day to :last_day: whether any window of
-- the day ran (collected; a day before monitoring began is unknown, not zero), posts the day's
-- windows saw, breach and review findings they made (and those escalated), the OPDs' partisan
-- posts of the day (mart.opd_scorecard_daily, the report's :elections) and the cases whose first
-- finding came from the day's windows. Each figure is one grouped pass over its table. A window
-- inside a day also starts before the day ends: said outright, it bounds each index scan, where the
-- planner, which cannot infer it, expected a quarter of the table for each day and read all of it.
WITH days AS (
    SELECT d::date AS day, d::timestamp AT TIME ZONE :timezone AS day_start,
           (d + interval '1 day')::timestamp AT TIME ZONE :timezone AS day_end
    FROM generate_series(CAST(:first_day AS date), CAST(:last_day AS date), interval '1 day') d
), collected AS (
    SELECT DISTINCT d.day
    FROM days d JOIN ops.task_metric m ON m.window_start >= d.day_start AND m.window_start < d.day_end AND m.window_end <= d.day_end
), posts AS (
    SELECT d.day, count(DISTINCT wp.post_pk) AS posts
    FROM days d JOIN core.window_post wp ON wp.window_start >= d.day_start AND wp.window_start < d.day_end
                                       AND wp.window_end <= d.day_end
    GROUP BY d.day
), found AS (
    SELECT d.day,
           count(*) FILTER (WHERE f.disposition = 'breach') AS findings,
           count(*) FILTER (WHERE f.disposition = 'review') AS reviews,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM findings.escalation x WHERE x.finding_id = f.finding_id)) AS escalated
    FROM days d JOIN findings.finding f ON f.window_start >= d.day_start AND f.window_start < d.day_end
                                         AND f.window_end <= d.day_end
    GROUP BY d.day
), partisan AS (
    SELECT s.day, sum(s.partisan_posts) AS partisan_opd_posts
    FROM mart.opd_scorecard_daily s
    WHERE s.election_id = ANY(:elections) AND s.day BETWEEN CAST(:first_day AS date) AND CAST(:last_day AS date)
    GROUP BY s.day
), first_finding AS (
    SELECT DISTINCT ON (cf.case_id) cf.case_id, f.window_start, f.window_end
    FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
    ORDER BY cf.case_id, f.finding_id
), opened AS (
    SELECT d.day, count(*) AS cases_opened
    FROM days d JOIN first_finding ff ON ff.window_start >= d.day_start AND ff.window_start < d.day_end
                                      AND ff.window_end <= d.day_end
    GROUP BY d.day
)
SELECT d.day, c.day IS NOT NULL AS collected,
       coalesce(p.posts, 0)::int AS posts, coalesce(f.findings, 0)::int AS findings,
       coalesce(f.reviews, 0)::int AS reviews, coalesce(f.escalated, 0)::int AS escalated,
       coalesce(s.partisan_opd_posts, 0)::int AS partisan_opd_posts, coalesce(o.cases_opened, 0)::int AS cases_opened
FROM days d
LEFT JOIN collected c USING (day)
LEFT JOIN posts p USING (day)
LEFT JOIN found f USING (day)
LEFT JOIN partisan s USING (day)
LEFT JOIN opened o USING (day)
ORDER BY d.day
