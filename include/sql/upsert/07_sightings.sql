-- Each staged row is one sighting of a post: the evidence trail from post back to raw payload.
-- A sighting is a fact about one payload item, the same whichever window read it.
INSERT INTO core.sighting (payload_id, item_no, post_pk, content_hash, seen_at)
SELECT s.payload_id, s.item_no, p.post_pk, s.content_hash, s.seen_at
FROM staged s
JOIN core.post_key p USING (platform, post_id)
ON CONFLICT (payload_id, item_no) DO NOTHING
