-- What the data dictionary page shows, read back from the catalogue: every schema, relation and
-- column of the given schemas with its comment, relations in name order, columns in table order
-- (partitions are their partitioned table's, not listed apart).
SELECT n.nspname AS schema, obj_description(n.oid, 'pg_namespace') AS schema_comment,
       c.relname AS relation, c.relkind::text AS kind, obj_description(c.oid, 'pg_class') AS relation_comment,
       a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS column_comment
FROM pg_namespace n
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = ANY (CAST(:schemas AS text[]))
ORDER BY array_position(CAST(:schemas AS text[]), n.nspname::text), c.relname, a.attnum
