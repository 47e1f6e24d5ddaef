-- Per platform: watched accounts without a complete timeline fetch in the :account_max_age_hours
-- before the check (or never fetched), named as ops.freshness names them (a handle or a
-- pseudonym), the first :listed of them.
SELECT platform AS subject, count(*) FILTER (WHERE stale) AS value, 0 AS threshold,
       count(*) FILTER (WHERE stale) > 0 AS breached,
       coalesce(array_to_string((array_agg(name ORDER BY name) FILTER (WHERE stale))[1:CAST(:listed AS int)], ', ')
                || CASE WHEN count(*) FILTER (WHERE stale) > :listed
                        THEN format(' and %s more', count(*) FILTER (WHERE stale) - :listed) ELSE '' END, '') AS detail
FROM (SELECT platform, coalesce(handle, account_pseudonym, '?') AS name,
             last_complete_at IS NULL
             OR last_complete_at < CAST(:as_of AS timestamptz) - make_interval(secs => :account_max_age_hours * 3600)
                 AS stale
      FROM ops.freshness) f
GROUP BY platform
ORDER BY platform
