-- Hand every object of Netra's schemas to netra_owner, whoever created it (a migration run by a
-- DBA's login, the mart views made after it), so the owner is one role and grants mean what they
-- say. Idempotent: only what another role owns changes hands.
DO $$
DECLARE o record;
BEGIN
    FOR o IN
        SELECT format('ALTER SCHEMA %I OWNER TO netra_owner', nspname) AS stmt
        FROM pg_namespace WHERE nspname = ANY (ARRAY['registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'mart', 'ops', 'audit', 'cases', 'desk']) AND nspowner <> 'netra_owner'::regrole
        UNION ALL
        SELECT format('ALTER %s %s OWNER TO netra_owner',
                      CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'TABLE' WHEN 'v' THEN 'VIEW'
                                     WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' END, c.oid::regclass)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (ARRAY['registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'mart', 'ops', 'audit', 'cases', 'desk']) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> 'netra_owner'::regrole
          -- not what goes with another object (a column's sequence), but a partition, which does not
          -- follow its table's owner (and a partitioned table depends on its own key columns)
          AND (c.relispartition OR NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid
                                                 AND d.deptype IN ('a', 'i') AND d.refobjid <> c.oid))
        UNION ALL
        SELECT format('ALTER ROUTINE %s OWNER TO netra_owner', p.oid::regprocedure)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (ARRAY['registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'mart', 'ops', 'audit', 'cases', 'desk']) AND p.proowner <> 'netra_owner'::regrole
        UNION ALL
        SELECT format('ALTER DOMAIN %s OWNER TO netra_owner', t.oid::regtype)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY (ARRAY['registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'mart', 'ops', 'audit', 'cases', 'desk']) AND t.typtype = 'd' AND t.typowner <> 'netra_owner'::regrole
    LOOP
        EXECUTE o.stmt;
    END LOOP;
END $$
