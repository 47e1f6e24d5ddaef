-- The posts and their keys (core.post_key), with their versions, sightings and window rows (which
-- no foreign key cascades to: migration 0011); their cross-post links go with the keys (cascade).
WITH post AS (
    DELETE FROM core.post p USING retention_post r WHERE p.post_pk = r.post_pk RETURNING p.post_pk
), version AS (
    DELETE FROM core.post_version v USING retention_post r WHERE v.post_pk = r.post_pk
), sighting AS (
    DELETE FROM core.sighting s USING retention_post r WHERE s.post_pk = r.post_pk
), window_post AS (
    DELETE FROM core.window_post w USING retention_post r WHERE w.post_pk = r.post_pk
)
DELETE FROM core.post_key k USING post WHERE k.post_pk = post.post_pk
