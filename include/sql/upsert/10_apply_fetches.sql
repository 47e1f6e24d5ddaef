-- The window's fetches have reached core: from now on they may prove a post's absence, if they
-- are complete API fetches whose every page was read and every quarantined item still names
-- its post (such an item was returned, only not accepted).
INSERT INTO core.fetch_applied AS a (fetch_id, proves_absence, why_not)
SELECT f.fetch_id, w.why_not IS NULL, w.why_not
FROM (SELECT DISTINCT fetch_id FROM stage.fetch
      WHERE window_start = :window_start AND window_end = :window_end) sf
JOIN raw.fetch f USING (fetch_id)
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN f.source <> 'api' THEN 'not an API fetch'
        WHEN NOT f.complete THEN 'incomplete: not every page arrived'
        WHEN EXISTS (SELECT 1 FROM raw.payload p JOIN quarantine.record q USING (payload_id)
                     WHERE p.fetch_id = f.fetch_id AND q.item_no = -1) THEN 'a page could not be read'
        WHEN EXISTS (SELECT 1 FROM raw.payload p JOIN quarantine.record q USING (payload_id)
                     WHERE p.fetch_id = f.fetch_id AND q.post_id IS NULL) THEN 'a quarantined item has no readable id'
    END AS why_not
) w
ON CONFLICT (fetch_id) DO UPDATE
SET proves_absence = EXCLUDED.proves_absence, why_not = EXCLUDED.why_not
WHERE (a.proves_absence, a.why_not) IS DISTINCT FROM (EXCLUDED.proves_absence, EXCLUDED.why_not)
