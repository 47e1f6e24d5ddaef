-- What the window's staged rows amounted to: rows, distinct posts, distinct versions.
SELECT count(*) AS rows_in,
       count(DISTINCT (platform, post_id)) AS posts,
       count(DISTINCT (platform, post_id, content_hash)) AS versions
FROM staged
