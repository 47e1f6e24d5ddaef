-- The monitoring team confirms or dismisses a finding of a case: a review of the post version it
-- judged, for its election (append-only; the latest is in force). Nothing when the finding is not
-- one of the case's posts the reader may see.
INSERT INTO cases.finding_review (post_pk, content_hash, election_id, verdict, reason)
SELECT post_pk, content_hash, election_id, :verdict, :reason
FROM desk.case_post WHERE case_id = :case_id AND finding_id = :finding_id
RETURNING review_id
