-- The raw pages whose bytes retention removes (retention_payload): a page that shows a post
-- retention_post removes and no post it keeps (no sighting or version of one cites it); a tips
-- file once every tip landed from it has lost its reporter's contact (a file landed again with
-- other bytes is a payload of the same fetch, so the tips of the whole fetch count). Pages that
-- show no post at all (empty pages) are left as they are.
CREATE TEMP TABLE retention_payload ON COMMIT DROP AS
SELECT p.payload_id, p.byte_size
FROM raw.payload p
JOIN raw.fetch f USING (fetch_id)
WHERE p.body IS NOT NULL
  AND CASE WHEN f.source = 'tips'
           THEN EXISTS (SELECT 1 FROM core.tip t JOIN raw.payload q USING (payload_id) WHERE q.fetch_id = p.fetch_id)
            AND NOT EXISTS (SELECT 1 FROM core.tip t JOIN raw.payload q USING (payload_id)
                            WHERE q.fetch_id = p.fetch_id AND t.contact_removed_at IS NULL
                              AND NOT EXISTS (SELECT 1 FROM retention_tip r WHERE r.tip_id = t.tip_id))
           ELSE EXISTS (SELECT 1 FROM core.sighting s JOIN retention_post r USING (post_pk)
                        WHERE s.payload_id = p.payload_id)
            AND NOT EXISTS (SELECT 1 FROM core.sighting s
                            WHERE s.payload_id = p.payload_id
                              AND NOT EXISTS (SELECT 1 FROM retention_post r WHERE r.post_pk = s.post_pk))
            AND NOT EXISTS (SELECT 1 FROM core.post_version v
                            WHERE v.payload_id = p.payload_id
                              AND NOT EXISTS (SELECT 1 FROM retention_post r WHERE r.post_pk = v.post_pk))
      END
