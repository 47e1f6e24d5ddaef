-- Is every declared account actually being seen? Posts collected per account and when, the
-- account and its employee owner by keyed pseudonym (handles of the OPDs' accounts: mart.opd_account),
-- an employee's posting times to the hour only.
-- Refreshed CONCURRENTLY after every window, which needs the unique index.
CREATE MATERIALIZED VIEW mart.account_coverage AS
WITH posts AS (
    SELECT account_id, count(*) AS posts_seen, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS posts_deleted,
           min(created_at) AS first_post_at, max(created_at) AS last_post_at, max(last_seen_at) AS last_seen_at
    FROM core.post WHERE account_id IS NOT NULL GROUP BY account_id
), flagged AS (
    SELECT p.account_id, count(*) AS findings
    FROM findings.finding f JOIN core.post p USING (post_pk)
    WHERE p.account_id IS NOT NULL GROUP BY p.account_id
)
SELECT a.pseudonym AS account_pseudonym, a.platform, a.owner_type, a.official,
       e.pseudonym AS employee_pseudonym, o.code AS opd_code,
       coalesce(ps.posts_seen, 0) AS posts_seen, coalesce(ps.posts_deleted, 0) AS posts_deleted,
       CASE WHEN a.owner_type = 'opd' THEN ps.first_post_at ELSE date_trunc('hour', ps.first_post_at) END AS first_post_at,
       CASE WHEN a.owner_type = 'opd' THEN ps.last_post_at ELSE date_trunc('hour', ps.last_post_at) END AS last_post_at,
       ps.last_seen_at, coalesce(fl.findings, 0) AS findings
FROM registry.account a
LEFT JOIN registry.employee e ON e.employee_id = a.employee_id
LEFT JOIN registry.assignment asg ON asg.employee_id = a.employee_id AND asg.valid_to IS NULL
LEFT JOIN registry.opd o ON o.opd_id = coalesce(a.opd_id, asg.opd_id)
LEFT JOIN posts ps ON ps.account_id = a.account_id
LEFT JOIN flagged fl ON fl.account_id = a.account_id;
CREATE UNIQUE INDEX account_coverage_key ON mart.account_coverage (account_pseudonym);
