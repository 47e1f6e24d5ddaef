-- What the window's staged rows amounted to: rows, distinct posts, distinct versions (a version
-- is a row of seen, one per post and content).
SELECT (SELECT count(*) FROM staged) AS rows_in,
       count(DISTINCT (platform, post_id)) AS posts,
       count(*) AS versions
FROM seen
