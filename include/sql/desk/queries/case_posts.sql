-- A case's posts, oldest first.
SELECT * FROM desk.case_post WHERE case_id = :case_id ORDER BY created_at, finding_id
