-- A line of figures per local day (:timezone) from :first_day to :last_day: posts the day's
-- windows saw, breach and review findings they made (and those escalated), the OPDs' partisan
-- posts of the day (mart.opd_scorecard_daily, the report's :elections) and the cases whose first
-- finding came from the day's windows.
WITH days AS (
    SELECT d::date AS day, d::timestamp AT TIME ZONE :timezone AS day_start,
           (d + interval '1 day')::timestamp AT TIME ZONE :timezone AS day_end
    FROM generate_series(CAST(:first_day AS date), CAST(:last_day AS date), interval '1 day') d
), first_finding AS (
    SELECT DISTINCT ON (cf.case_id) cf.case_id, f.window_start, f.window_end
    FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
    ORDER BY cf.case_id, f.finding_id
)
SELECT d.day,
       (SELECT count(DISTINCT wp.post_pk) FROM core.window_post wp
         WHERE wp.window_start >= d.day_start AND wp.window_end <= d.day_end)::int AS posts,
       count(f.finding_id) FILTER (WHERE f.disposition = 'breach')::int AS findings,
       count(f.finding_id) FILTER (WHERE f.disposition = 'review')::int AS reviews,
       count(f.finding_id) FILTER (WHERE EXISTS (SELECT 1 FROM findings.escalation x
                                                 WHERE x.finding_id = f.finding_id))::int AS escalated,
       (SELECT coalesce(sum(s.partisan_posts), 0) FROM mart.opd_scorecard_daily s
         WHERE s.day = d.day AND s.election_id = ANY(:elections))::int AS partisan_opd_posts,
       (SELECT count(*) FROM first_finding ff
         WHERE ff.window_start >= d.day_start AND ff.window_end <= d.day_end)::int AS cases_opened
FROM days d
LEFT JOIN findings.finding f ON f.window_start >= d.day_start AND f.window_end <= d.day_end
GROUP BY d.day, d.day_start, d.day_end
ORDER BY d.day
