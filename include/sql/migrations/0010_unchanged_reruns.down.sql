DROP TABLE ops.window_memo;
DROP TABLE ops.run_write;
DO $$
DECLARE t regclass;
BEGIN
    FOR t IN SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = 'counted_write' AND tgparentid = 0 LOOP
        EXECUTE format('DROP TRIGGER counted_write ON %s', t);
    END LOOP;
END $$;
DROP FUNCTION ops.count_writes();
DROP FUNCTION ops.count_write();
DROP SEQUENCE ops.write_count;
