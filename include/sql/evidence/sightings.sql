-- Every time a post of the case was seen: when, in which fetch, page and item, from which source.
SELECT s.post_pk, s.seen_at, s.payload_id, s.item_no, s.content_hash, r.fetch_id, r.page_no, r.sha256,
       r.removed_at, fe.source, fe.scope_kind, fe.fetched_at
FROM core.sighting s
JOIN raw.payload r USING (payload_id)
JOIN raw.fetch fe USING (fetch_id)
WHERE s.post_pk IN (SELECT f.post_pk FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
                    WHERE cf.case_id = :case_id)
ORDER BY s.post_pk, s.seen_at, s.payload_id, s.item_no
