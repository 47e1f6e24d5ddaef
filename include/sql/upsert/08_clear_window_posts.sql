-- The post versions this window saw are re-derived whole (09_window_posts.sql).
DELETE FROM core.window_post WHERE window_start = :window_start AND window_end = :window_end
