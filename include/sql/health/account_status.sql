-- Per platform: accounts whose timeline came back with one of :statuses (private, not found,
-- deleted...) in the windows that ended in (:since, :as_of], named as ops.fetch_problems names
-- them, the first :listed of them.
WITH hit AS (
    SELECT DISTINCT platform, coalesce(handle, account_pseudonym, 'an unregistered account') || ' (' || status || ')'
                                  AS account
    FROM ops.fetch_problems
    WHERE scope_kind = 'timeline' AND status = ANY(CAST(:statuses AS text[]))
      AND window_end > CAST(:since AS timestamptz) AND window_end <= CAST(:as_of AS timestamptz)
)
SELECT p.platform AS subject, count(h.account) AS value, 0 AS threshold, count(h.account) > 0 AS breached,
       coalesce(array_to_string((array_agg(h.account ORDER BY h.account))[1:CAST(:listed AS int)], ', ')
                || CASE WHEN count(h.account) > :listed THEN format(' and %s more', count(h.account) - :listed)
                        ELSE '' END, '') AS detail
FROM (SELECT DISTINCT platform::text AS platform FROM registry.account) p
LEFT JOIN hit h USING (platform)
GROUP BY p.platform
ORDER BY p.platform
