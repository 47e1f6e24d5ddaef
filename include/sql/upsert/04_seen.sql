-- One row per post version seen in the window: the newest sighting's fields (the first in page
-- order among equally new ones: the APIs list newest first), the first and last time it was
-- seen, and the registry account of its author when the account is declared.
CREATE TEMP TABLE seen ON COMMIT DROP AS
SELECT DISTINCT ON (s.platform, s.post_id, s.content_hash)
       s.platform, s.post_id, s.content_hash, s.account_handle, s.account_platform_id, s.created_at,
       s.post_type, s.parent_post_id, s.ref_post_id, s.ref_account, s.text, s.metrics, s.permalink, s.text_key,
       s.source,
       min(s.seen_at) OVER w AS first_seen_at, max(s.seen_at) OVER w AS last_seen_at,
       first_value(s.payload_id) OVER (w ORDER BY s.seen_at, s.payload_id) AS first_payload_id,
       first_value(s.payload_id) OVER (w ORDER BY s.seen_at DESC, s.payload_id, s.item_no) AS last_payload_id,
       first_value(s.item_no) OVER (w ORDER BY s.seen_at DESC, s.payload_id, s.item_no) AS last_item_no,
       (SELECT a.account_id FROM registry.account a
         WHERE a.platform = s.platform
           AND (a.platform_user_id = s.account_platform_id OR a.handle_key = lower(s.account_handle))
         ORDER BY (a.platform_user_id = s.account_platform_id) DESC NULLS LAST LIMIT 1) AS account_id
FROM staged s
WINDOW w AS (PARTITION BY s.platform, s.post_id, s.content_hash)
ORDER BY s.platform, s.post_id, s.content_hash, s.seen_at DESC, s.payload_id, s.item_no
