-- Whether no counted write is in flight: every writer holds this lock shared until its
-- transaction ends (ops.count_write); held here until this transaction ends.
SELECT pg_try_advisory_xact_lock(hashtext('netra.writes'))
