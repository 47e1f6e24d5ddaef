-- Per source and platform: the share of the rows in quarantined over the windows that ended in
-- (:since, :as_of]; judged once at least :min_rows rows came in.
SELECT CASE WHEN source = 'api' THEN platform ELSE source END AS subject,
       round(sum(quarantined)::numeric / nullif(sum(rows_in), 0), 4) AS value, CAST(:max_rate AS float8) AS threshold,
       sum(rows_in) >= :min_rows AND sum(quarantined)::float8 / nullif(sum(rows_in), 0) > :max_rate AS breached,
       format('%s of %s rows quarantined', sum(quarantined), sum(rows_in)) AS detail
FROM ops.quarantine_rate
WHERE window_end > CAST(:since AS timestamptz) AND window_end <= CAST(:as_of AS timestamptz)
GROUP BY source, platform
ORDER BY 1
