-- Per platform: posts and comments seen on :day against the median of the 7 days before; a drop is
-- a ratio under :drop_ratio once the baseline has :min_baseline_days days and a median of at least
-- :min_median. A platform without a row for the day (no window of it was loaded) is a drop too.
WITH v AS (SELECT * FROM ops.volume_daily)
SELECT p.platform AS subject, d.ratio AS value, CAST(:drop_ratio AS float8) AS threshold,
       d.day IS NULL OR (d.baseline_days >= :min_baseline_days AND d.baseline_median >= :min_median
                         AND coalesce(d.ratio, 0) < :drop_ratio) AS breached,
       CASE WHEN d.day IS NULL THEN format('no window of %s was loaded', CAST(:day AS date))
            ELSE format('%s seen on %s; median %s over the %s day(s) before', d.posts_seen, d.day,
                        d.baseline_median, d.baseline_days) END AS detail
FROM (SELECT DISTINCT platform FROM v) p
LEFT JOIN v d ON d.platform = p.platform AND d.day = CAST(:day AS date)
ORDER BY p.platform
