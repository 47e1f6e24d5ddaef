ALTER TABLE raw.payload ALTER COLUMN body SET COMPRESSION DEFAULT;
DO $$
DECLARE part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'raw.payload'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN body SET COMPRESSION DEFAULT', part);
    END LOOP;
END $$;
