-- How many of the posts the window touches it would newly mark deleted.
SELECT count(*) AS candidates,
       count(*) FILTER (WHERE was_deleted_at IS NULL AND deleted_at IS NOT NULL) AS newly_deleted
FROM verdict
