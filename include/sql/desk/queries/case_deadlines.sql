-- A case's legal clock, in the order its deadlines started.
SELECT * FROM desk.case_deadline WHERE case_id = :case_id ORDER BY started_at, due_on
