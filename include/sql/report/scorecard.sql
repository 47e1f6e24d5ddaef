-- The neutrality scorecard of every OPD (mart.opd; none left out for posting nothing) for an
-- election over the days [:start, :end): its official accounts' posts, how many took a side and
-- their share, those still to be reviewed, confirmed and dismissed by the monitoring team, and
-- the partisan posts of the period of equal length just before; ranked worst first (most partisan
-- posts, then the highest share), equal figures sharing a rank.
WITH bounds AS (
    SELECT CAST(:start AS date) AS first_day, CAST(:end AS date) AS end_day,
           CAST(:end AS date) - CAST(:start AS date) AS days
), period AS (
    SELECT s.opd_code,
           sum(s.posts) FILTER (WHERE s.day >= b.first_day) AS posts,
           sum(s.partisan_posts) FILTER (WHERE s.day >= b.first_day) AS partisan_posts,
           sum(s.review_posts) FILTER (WHERE s.day >= b.first_day) AS review_posts,
           sum(s.confirmed_posts) FILTER (WHERE s.day >= b.first_day) AS confirmed_posts,
           sum(s.dismissed_posts) FILTER (WHERE s.day >= b.first_day) AS dismissed_posts,
           sum(s.partisan_deleted) FILTER (WHERE s.day >= b.first_day) AS partisan_deleted,
           sum(s.posts) FILTER (WHERE s.day < b.first_day) AS previous_posts,
           sum(s.partisan_posts) FILTER (WHERE s.day < b.first_day) AS previous_partisan_posts
    FROM mart.opd_scorecard_daily s, bounds b
    WHERE s.election_id = :election_id AND s.day >= b.first_day - b.days AND s.day < b.end_day
    GROUP BY s.opd_code
), scored AS (
    SELECT o.opd_code, o.opd_name,
           coalesce(p.posts, 0)::int AS posts, coalesce(p.partisan_posts, 0)::int AS partisan_posts,
           round(100.0 * p.partisan_posts / nullif(p.posts, 0), 1) AS partisan_pct,
           coalesce(p.review_posts, 0)::int AS review_posts, coalesce(p.confirmed_posts, 0)::int AS confirmed_posts,
           coalesce(p.dismissed_posts, 0)::int AS dismissed_posts, coalesce(p.partisan_deleted, 0)::int AS partisan_deleted,
           coalesce(p.previous_posts, 0)::int AS previous_posts,
           coalesce(p.previous_partisan_posts, 0)::int AS previous_partisan_posts,
           round(100.0 * p.previous_partisan_posts / nullif(p.previous_posts, 0), 1) AS previous_partisan_pct
    FROM mart.opd o
    LEFT JOIN period p ON p.opd_code = o.opd_code
)
SELECT rank() OVER (ORDER BY partisan_posts DESC, coalesce(partisan_pct, 0) DESC)::int AS rank,
       opd_code, opd_name, posts, partisan_posts, coalesce(partisan_pct, 0) AS partisan_pct,
       review_posts, confirmed_posts, dismissed_posts, partisan_deleted,
       previous_partisan_posts, coalesce(previous_partisan_pct, 0) AS previous_partisan_pct,
       partisan_posts - previous_partisan_posts AS partisan_change
FROM scored
ORDER BY rank, opd_name, opd_code
