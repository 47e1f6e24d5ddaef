-- The DROP statement of each named view of the schema that exists, as a view or a materialized view, in the
-- order given (dependents first). No CASCADE: a view outside the list reading one of them stops it.
SELECT format('DROP %s %s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, c.oid::regclass)
FROM unnest(CAST(:names AS text[])) WITH ORDINALITY AS v(name, n)
JOIN pg_namespace s ON s.nspname = :schema
JOIN pg_class c ON c.relnamespace = s.oid AND c.relname = v.name AND c.relkind IN ('v', 'm')
ORDER BY v.n
