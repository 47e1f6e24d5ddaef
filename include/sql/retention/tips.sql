-- The tips whose reporter's contact retention removes (retention_tip): a tip about posts with a
-- finding once every case those findings belong to closed before :contacts_before (an open case
-- keeps it); a tip about no post with a finding (unresolved, not collected, or a post without
-- one), or whose findings joined no case (dismissed, a review, an owner nobody registered), once
-- received before :posts_before. A tip about a post of an
-- account retention_held names keeps its contact.
CREATE TEMP TABLE retention_tip ON COMMIT DROP AS
WITH about AS MATERIALIZED (             -- the posts each tip points at, matched once
    SELECT tp.tip_id, p.post_pk, p.account_id
    FROM core.tip_post tp
    JOIN core.post p USING (post_pk)
), finding AS (
    SELECT a.tip_id, cf.case_id IS NULL AS in_no_case, c.closed_at
    FROM about a
    JOIN findings.finding f USING (post_pk)
    LEFT JOIN cases.case_finding cf USING (finding_id)
    LEFT JOIN cases.case c USING (case_id)
)
SELECT t.tip_id
FROM core.tip t
WHERE t.contact_removed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM about a JOIN retention_held h USING (account_id) WHERE a.tip_id = t.tip_id)
  AND CASE WHEN EXISTS (SELECT 1 FROM finding f WHERE f.tip_id = t.tip_id)
           THEN NOT EXISTS (SELECT 1 FROM finding f
                            WHERE f.tip_id = t.tip_id
                              AND CASE WHEN f.in_no_case THEN t.received_at >= :posts_before
                                       ELSE f.closed_at IS NULL OR f.closed_at >= :contacts_before END)
           ELSE t.received_at < :posts_before
      END
