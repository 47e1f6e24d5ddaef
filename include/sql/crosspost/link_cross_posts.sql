INSERT INTO core.post_link AS l (post_pk, linked_post_pk, kind, similarity)
SELECT post_pk, linked_post_pk, 'cross_post', similarity FROM pg_temp.cross_post
ON CONFLICT (post_pk, linked_post_pk, kind) DO UPDATE SET similarity = EXCLUDED.similarity
WHERE l.similarity IS DISTINCT FROM EXCLUDED.similarity
