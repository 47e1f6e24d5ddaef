-- A window's steps ended: where the count stood when they began and how many writes were theirs.
DELETE FROM ops.run_write WHERE run_key = :run_key RETURNING since, writes
