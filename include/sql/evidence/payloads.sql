-- The raw pages the case's posts were seen in, and the tips files that reported them, with their
-- fetch. A tips file holds reporters' contacts: raw.page_body never gives its bytes.
WITH posts AS (
    SELECT f.post_pk FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
    WHERE cf.case_id = :case_id
), pages AS (
    SELECT s.payload_id FROM core.sighting s WHERE s.post_pk IN (SELECT post_pk FROM posts)
    UNION
    SELECT t.payload_id FROM core.tip_post tp JOIN core.tip t ON t.tip_id = tp.tip_id
    WHERE tp.post_pk IN (SELECT post_pk FROM posts)
)
SELECT r.payload_id, r.fetch_id, r.page_no, r.sha256, r.byte_size, r.landed_at, r.removed_at,
       raw.page_body(r.payload_id) AS body,
       fe.source, fe.platform, fe.scope_kind, fe.scope_key, fe.account, fe.account_platform_id,
       fe.fetched_at, fe.complete, fe.request
FROM raw.payload r
JOIN raw.fetch fe USING (fetch_id)
WHERE r.payload_id IN (SELECT payload_id FROM pages)
ORDER BY r.payload_id
