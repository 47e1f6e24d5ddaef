-- The neutrality scorecard of the OPDs' own accounts, per election, day (in the election's zone),
-- OPD and platform: what they posted and how much of it took a side. A post counts once, by the
-- most serious of its judged versions; a version the monitoring team dismissed (its latest review
-- says ditolak) no longer counts against the OPD. Comments are not the OPD's posts and are left out.
CREATE VIEW mart.opd_scorecard_daily AS
WITH judged AS (
    SELECT f.post_pk, f.election_id,
           bool_or(f.disposition = 'breach' AND r.verdict IS DISTINCT FROM 'ditolak') AS partisan,
           bool_or(f.disposition = 'review' AND r.verdict IS DISTINCT FROM 'ditolak') AS to_review,
           bool_and(r.verdict = 'ditolak') AS dismissed,
           bool_or(f.disposition = 'breach' AND r.verdict = 'dikonfirmasi') AS confirmed
    FROM findings.finding f
    LEFT JOIN LATERAL (SELECT fr.verdict FROM cases.finding_review fr
                        WHERE (fr.post_pk, fr.content_hash, fr.election_id) = (f.post_pk, f.content_hash, f.election_id)
                        ORDER BY fr.review_id DESC LIMIT 1) r ON true
    WHERE f.owner_kind = 'opd'
    GROUP BY 1, 2
)
SELECT el.election_id, (p.created_at AT TIME ZONE el.timezone)::date AS day,
       o.code AS opd_code, o.name AS opd_name, p.platform::text AS platform,
       count(*) AS posts,
       count(*) FILTER (WHERE j.partisan) AS partisan_posts,
       count(*) FILTER (WHERE j.confirmed) AS confirmed_posts,
       count(*) FILTER (WHERE j.to_review AND NOT j.partisan) AS review_posts,
       count(*) FILTER (WHERE j.dismissed) AS dismissed_posts,
       count(*) FILTER (WHERE j.partisan AND p.deleted_at IS NOT NULL) AS partisan_deleted
FROM core.post p
JOIN registry.account a ON a.account_id = p.account_id AND a.owner_type = 'opd'
JOIN registry.opd o ON o.opd_id = a.opd_id
CROSS JOIN registry.election el
LEFT JOIN judged j ON j.post_pk = p.post_pk AND j.election_id = el.election_id
WHERE p.post_type <> 'comment'
GROUP BY 1, 2, 3, 4, 5;
