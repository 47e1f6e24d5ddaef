-- Public tips that point at a post of the case: when and in which tips file, never who sent them
-- (reporter_contact is not read, nor granted to case officers).
SELECT tp.post_pk, t.tip_id, t.received_at, t.payload_id, t.screenshot_file, t.screenshot_sha256,
       r.fetch_id, r.sha256
FROM core.tip_post tp
JOIN core.tip t ON t.tip_id = tp.tip_id
JOIN raw.payload r ON r.payload_id = t.payload_id
WHERE tp.post_pk IN (SELECT f.post_pk FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
                     WHERE cf.case_id = :case_id)
ORDER BY tp.post_pk, t.received_at, t.tip_id
