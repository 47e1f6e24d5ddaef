-- The posts; their versions, sightings, window rows and cross-post links go with them (cascade).
DELETE FROM core.post p USING retention_post r WHERE p.post_pk = r.post_pk
