-- Per platform: hours from the newest complete timeline fetch of any watched account to the check,
-- against :max_age_hours or the platform's own limit in :platform_hours (JSON).
SELECT subject, value, threshold, value IS NULL OR value > threshold AS breached,
       format('newest complete fetch %s', coalesce(to_char(newest AT TIME ZONE :zone, 'YYYY-MM-DD HH24:MI'), 'never'))
           AS detail
FROM (SELECT platform AS subject, max(last_complete_at) AS newest,
             round((greatest(extract(epoch FROM CAST(:as_of AS timestamptz) - max(last_complete_at)), 0) / 3600)::numeric, 1)
                 AS value,
             coalesce(CAST(CAST(:platform_hours AS jsonb) ->> platform AS float8), CAST(:max_age_hours AS float8))
                 AS threshold
      FROM ops.freshness
      GROUP BY platform) f
ORDER BY subject
