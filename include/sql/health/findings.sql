-- The health page's findings per window that ended in (:page_since, :as_of] and disposition.
SELECT window_start, window_end, disposition, findings, flagged_posts, escalated
FROM ops.findings_volume
WHERE window_end > CAST(:page_since AS timestamptz) AND window_end <= CAST(:as_of AS timestamptz)
ORDER BY window_end DESC, disposition
