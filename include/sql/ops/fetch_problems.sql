-- Requests that brought nothing back: outcomes failed, private, not_found or deleted per window,
-- platform and account. The OPDs' and candidates' accounts by handle, with the error and the post
-- whose comments were asked for; an employee's or an unknown account by keyed pseudonym (or
-- nothing) only, without the error or post id, which may name them.
CREATE VIEW ops.fetch_problems AS
SELECT o.window_start, o.window_end, o.platform, o.scope_kind, o.status,
       CASE WHEN a.owner_type = 'opd' THEN 'opd' WHEN a.owner_type = 'employee' THEN 'employee'
            WHEN c.handle IS NOT NULL THEN 'candidate' ELSE 'unregistered' END AS owner_kind,
       CASE WHEN a.owner_type = 'opd' THEN a.handle WHEN a.account_id IS NULL THEN c.handle END AS handle,
       a.pseudonym AS account_pseudonym,
       CASE WHEN a.owner_type = 'opd' OR (a.account_id IS NULL AND c.handle IS NOT NULL) THEN
            CASE WHEN o.scope_kind = 'comments' THEN o.scope_key END END AS commented_post_id,
       CASE WHEN a.owner_type = 'opd' OR (a.account_id IS NULL AND c.handle IS NOT NULL) THEN o.error END AS error,
       o.attempts, o.fetched_at
FROM ops.fetch_outcome o
LEFT JOIN registry.account a ON a.platform = o.platform AND a.handle_key = lower(o.account)
LEFT JOIN LATERAL (SELECT k.handle FROM registry.candidate_account k
                    WHERE k.platform = o.platform AND k.handle_key = lower(o.account) LIMIT 1) c ON true
WHERE o.status IN ('failed', 'private', 'not_found', 'deleted');
