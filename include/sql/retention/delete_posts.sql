-- The posts and their keys (core.post_key); their versions, sightings, window rows and cross-post
-- links go with the keys (cascade).
WITH post AS (
    DELETE FROM core.post p USING retention_post r WHERE p.post_pk = r.post_pk RETURNING p.post_pk
)
DELETE FROM core.post_key k USING post WHERE k.post_pk = post.post_pk
