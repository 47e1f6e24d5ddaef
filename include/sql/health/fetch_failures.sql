-- Per platform: the share of the API fetches of the windows that ended in (:since, :as_of] whose
-- outcome is failed; judged once the platform had at least :min_fetches fetches.
WITH fetches AS (
    SELECT platform, count(*) AS fetches
    FROM raw.fetch
    WHERE source = 'api' AND window_end > CAST(:since AS timestamptz) AND window_end <= CAST(:as_of AS timestamptz)
    GROUP BY platform
), failed AS (
    SELECT platform, count(*) AS failed
    FROM ops.fetch_outcome
    WHERE status = 'failed' AND window_end > CAST(:since AS timestamptz) AND window_end <= CAST(:as_of AS timestamptz)
    GROUP BY platform
)
SELECT f.platform AS subject, round(coalesce(x.failed, 0)::numeric / f.fetches, 4) AS value,
       CAST(:max_failed_share AS float8) AS threshold,
       f.fetches >= :min_fetches AND coalesce(x.failed, 0)::float8 / f.fetches > :max_failed_share AS breached,
       format('%s of %s fetches failed', coalesce(x.failed, 0), f.fetches) AS detail
FROM fetches f
LEFT JOIN failed x USING (platform)
ORDER BY f.platform
