-- One case as the queue shows it; no row when the reader may not see it.
SELECT * FROM desk.queue WHERE case_id = :case_id
