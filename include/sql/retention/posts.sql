-- The posts retention removes (retention_post): posts of an employee's account, or of an
-- unregistered account that is not a candidate's, last seen before :posts_before, whose account
-- never had a finding on any of its posts (an unregistered account is its handle, or its platform
-- id, on its platform). Kept whatever their age: official OPD accounts and candidates' accounts
-- (public), the accounts retention_held names, and every post a finding, a review or a case
-- refers to: the post itself, the post it comments on, shares or quotes, its cross-posts.
CREATE TEMP TABLE retention_post ON COMMIT DROP AS
WITH flagged AS (
    SELECT DISTINCT p.post_pk, p.platform, p.account_id, p.account_key, p.account_platform_id,
           p.parent_post_id, p.ref_post_id
    FROM findings.finding f
    JOIN core.post p USING (post_pk)
), referred AS (
    SELECT post_pk FROM flagged
    UNION
    SELECT post_pk FROM cases.finding_review
    UNION
    SELECT p.post_pk FROM flagged f JOIN core.post p ON p.platform = f.platform AND p.post_id = f.parent_post_id
    UNION
    SELECT p.post_pk FROM flagged f JOIN core.post p ON p.platform = f.platform AND p.post_id = f.ref_post_id
    UNION
    SELECT l.linked_post_pk FROM core.post_link l JOIN flagged f ON f.post_pk = l.post_pk
    UNION
    SELECT l.post_pk FROM core.post_link l JOIN flagged f ON f.post_pk = l.linked_post_pk
)
SELECT p.post_pk, p.platform, p.post_id,
       coalesce(p.account_id::text, p.platform || ':' || coalesce(p.account_key, 'id:' || p.account_platform_id,
                                                                  'post:' || p.post_pk)) AS account
FROM core.post p
LEFT JOIN registry.account a USING (account_id)
WHERE p.last_seen_at < :posts_before
  AND (a.owner_type = 'employee'
       OR (p.account_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM registry.candidate_account ca
           WHERE ca.platform = p.platform
             AND (ca.handle_key = p.account_key OR ca.platform_user_id = p.account_platform_id))))
  AND NOT EXISTS (SELECT 1 FROM flagged f WHERE f.account_id = p.account_id)
  AND NOT EXISTS (SELECT 1 FROM flagged f
                  WHERE p.account_id IS NULL AND f.platform = p.platform AND f.account_key = p.account_key)
  AND NOT EXISTS (SELECT 1 FROM flagged f
                  WHERE p.account_id IS NULL AND f.platform = p.platform AND f.account_platform_id = p.account_platform_id)
  AND NOT EXISTS (SELECT 1 FROM retention_held h WHERE h.account_id = p.account_id)
  AND NOT EXISTS (SELECT 1 FROM referred r WHERE r.post_pk = p.post_pk)
