-- How many versions the window saw, against how many core.post_version holds (its partitions'
-- row estimates, which the upsert's ANALYZE keeps current after a large load): judge joins by
-- hashing whole tables only when the window is a large share of them.
SELECT (SELECT count(*) FROM core.window_post
         WHERE window_start = :window_start AND window_end = :window_end) AS versions,
       (SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'core.post_version'::regclass) AS stored
