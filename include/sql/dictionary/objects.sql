-- Every schema, relation (table, view, materialized view) and column of the given schemas as the
-- catalogue has them: a schema's row has no relation, a relation's row no column. `readers` are
-- the given roles that may use the schema or select from the relation (grants, not ownership);
-- `partly` those of them that may select some of its columns only. A partition is described by
-- its partitioned table, so partitions are left out.
WITH r AS (SELECT rolname FROM pg_roles WHERE rolname = ANY (CAST(:roles AS text[])))
SELECT n.nspname AS schema, NULL AS relation, NULL AS kind, NULL AS column,
       ARRAY(SELECT rolname FROM r WHERE has_schema_privilege(rolname, n.oid, 'USAGE') ORDER BY 1) AS readers,
       '{}'::text[] AS partly
FROM pg_namespace n WHERE n.nspname = ANY (CAST(:schemas AS text[]))
UNION ALL
SELECT n.nspname, c.relname, c.relkind::text, NULL,
       ARRAY(SELECT rolname FROM r WHERE has_any_column_privilege(rolname, c.oid, 'SELECT') ORDER BY 1),
       ARRAY(SELECT rolname FROM r WHERE has_any_column_privilege(rolname, c.oid, 'SELECT')
                                     AND NOT has_table_privilege(rolname, c.oid, 'SELECT') ORDER BY 1)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (CAST(:schemas AS text[])) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
UNION ALL
SELECT n.nspname, c.relname, c.relkind::text, a.attname, '{}', '{}'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = ANY (CAST(:schemas AS text[])) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
