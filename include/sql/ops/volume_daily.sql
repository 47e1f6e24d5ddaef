-- Did a platform stop delivering? Posts and comments seen per platform and local day (the windows
-- that day started, in the zone of the newest election: a deployment watches one city), against
-- the median of the 7 days before (days with an upserted window; a day with none of a platform's
-- posts counts 0). ratio = posts_seen / baseline_median; the health check (include/rules/health.yaml)
-- decides which ratio is a drop.
CREATE VIEW ops.volume_daily AS
WITH zone AS (
    SELECT coalesce((SELECT timezone FROM registry.election ORDER BY campaign_start DESC, election_id LIMIT 1),
                    'UTC') AS name
), days AS (
    SELECT DISTINCT (m.window_start AT TIME ZONE z.name)::date AS day
    FROM ops.task_metric m CROSS JOIN zone z
    WHERE m.task_id = 'upsert'
), platforms AS (
    SELECT DISTINCT platform::text AS platform FROM registry.account
), seen AS (
    SELECT (w.window_start AT TIME ZONE z.name)::date AS day, p.platform::text AS platform,
           count(DISTINCT w.post_pk) AS posts_seen
    FROM core.window_post w JOIN core.post p USING (post_pk) CROSS JOIN zone z
    GROUP BY 1, 2
), daily AS (
    SELECT d.day, pl.platform, coalesce(s.posts_seen, 0) AS posts_seen
    FROM days d
    CROSS JOIN (SELECT platform FROM platforms UNION SELECT platform FROM seen) pl
    LEFT JOIN seen s ON s.day = d.day AND s.platform = pl.platform
)
SELECT d.day, d.platform, d.posts_seen, b.days AS baseline_days, b.median AS baseline_median,
       round((d.posts_seen / nullif(b.median, 0))::numeric, 3) AS ratio
FROM daily d
CROSS JOIN LATERAL (
    SELECT count(*) AS days, percentile_cont(0.5) WITHIN GROUP (ORDER BY x.posts_seen) AS median
    FROM daily x
    WHERE x.platform = d.platform AND x.day >= d.day - 7 AND x.day < d.day
) b;
