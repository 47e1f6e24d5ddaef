-- Each staged row is one sighting of a post: the evidence trail from post back to raw payload.
INSERT INTO core.sighting (payload_id, item_no, post_pk, content_hash, seen_at, window_start)
SELECT s.payload_id, s.item_no, p.post_pk, s.content_hash, s.seen_at, s.window_start
FROM stage.post s
JOIN core.post p USING (platform, post_id)
WHERE s.window_start = :window_start
ON CONFLICT (payload_id, item_no) DO NOTHING
