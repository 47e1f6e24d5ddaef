-- One row per post version seen in the window: the newest sighting's fields (the first in page
-- order among equally new ones: the APIs list newest first), the first and last time it was
-- seen, the page that first showed it, and the registry account of its author when the account
-- is declared. One sort of the staged rows, newest sighting first, serves both windows (each over
-- its whole partition) and the DISTINCT ON; each author is looked up once, not once per sighting.
CREATE TEMP TABLE seen ON COMMIT DROP AS
WITH author AS (
    SELECT au.*,
           (SELECT a.account_id FROM registry.account a
             WHERE a.platform = au.platform
               AND (a.platform_user_id = nullif(au.id_key, '') OR a.handle_key = lower(nullif(au.handle_key, '')))
             ORDER BY (a.platform_user_id = nullif(au.id_key, '')) DESC NULLS LAST LIMIT 1) AS account_id
    FROM (SELECT DISTINCT platform, coalesce(account_platform_id, '') AS id_key,
                          coalesce(account_handle, '') AS handle_key
          FROM staged) au
), spans AS (
    SELECT s.*, au.account_id, min(s.seen_at) OVER w AS first_seen_at, max(s.seen_at) OVER w AS last_seen_at
    FROM staged s
    LEFT JOIN author au ON au.platform = s.platform AND au.id_key = coalesce(s.account_platform_id, '')
                       AND au.handle_key = coalesce(s.account_handle, '')
    WINDOW w AS (PARTITION BY s.platform, s.post_id, s.content_hash ORDER BY s.seen_at DESC, s.payload_id, s.item_no
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT DISTINCT ON (s.platform, s.post_id, s.content_hash)
       s.platform, s.post_id, s.content_hash, s.account_handle, s.account_platform_id, s.created_at,
       s.post_type, s.parent_post_id, s.ref_post_id, s.ref_account, s.text, s.metrics, s.permalink, s.text_key,
       s.source, s.first_seen_at, s.last_seen_at,
       min(s.payload_id) FILTER (WHERE s.seen_at = s.first_seen_at) OVER w AS first_payload_id,
       s.payload_id AS last_payload_id, s.item_no AS last_item_no, s.account_id
FROM spans s
WINDOW w AS (PARTITION BY s.platform, s.post_id, s.content_hash ORDER BY s.seen_at DESC, s.payload_id, s.item_no
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
ORDER BY s.platform, s.post_id, s.content_hash, s.seen_at DESC, s.payload_id, s.item_no
