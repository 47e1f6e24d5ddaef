INSERT INTO registry.opd AS o (code, name, kind)
SELECT code, name, kind FROM pg_temp.reg_opd
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
WHERE (o.name, o.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)
