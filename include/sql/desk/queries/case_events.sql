-- A case's timeline, in the order the steps were taken.
SELECT * FROM desk.case_event WHERE case_id = :case_id ORDER BY event_id
