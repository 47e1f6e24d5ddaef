-- A window's steps begin: their own writes are counted from the write count now. With another
-- transaction's write in flight (its writers' lock held), the steps may or may not see it: the
-- count is left NULL and no memo will be taken (netra.unchanged.record).
INSERT INTO ops.run_write (run_key, since, writes)
VALUES (:run_key, CASE WHEN pg_try_advisory_xact_lock(hashtext('netra.writes'))
                       THEN coalesce(pg_sequence_last_value('ops.write_count'), 0) END, 0)
ON CONFLICT (run_key) DO UPDATE SET since = EXCLUDED.since, writes = 0
