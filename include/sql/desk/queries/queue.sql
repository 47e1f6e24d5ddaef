-- The queue under the desk's filters (a NULL filter lets everything through): OPD code, state
-- (or every open case), deadline (overdue, or due within `soon` days), severity, platform.
-- Overdue first, then by the deadline that falls first.
SELECT q.*, count(*) OVER () AS total
FROM desk.queue q
WHERE (CAST(:opd AS text) IS NULL OR q.opd_code = :opd)
  AND (CAST(:state AS text) IS NULL OR q.state = :state OR (:state = 'terbuka' AND NOT q.terminal))
  AND (CAST(:deadline AS text) IS NULL OR (:deadline = 'lewat' AND q.overdue)
       OR (:deadline = 'segera' AND q.days_left BETWEEN 0 AND :soon))
  AND (CAST(:severity AS text) IS NULL OR q.severity = :severity)
  AND (CAST(:platform AS text) IS NULL OR :platform = ANY (q.platforms))
ORDER BY q.overdue DESC, q.due_on NULLS LAST, q.case_id
LIMIT :limit
