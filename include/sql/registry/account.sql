INSERT INTO registry.account AS a (platform, handle, platform_user_id, owner_type, opd_id, employee_id, official, declared_on)
SELECT r.platform, r.handle, nullif(r.platform_user_id, ''), r.owner_type, o.opd_id, e.employee_id,
       r.official::boolean, nullif(r.declared_on, '')::date
FROM pg_temp.reg_account r
LEFT JOIN registry.opd o ON o.code = nullif(r.opd_code, '')
LEFT JOIN registry.employee e ON e.employee_code = nullif(r.employee_code, '')
ON CONFLICT (platform, handle_key) DO UPDATE
SET handle = EXCLUDED.handle, platform_user_id = EXCLUDED.platform_user_id, owner_type = EXCLUDED.owner_type,
    opd_id = EXCLUDED.opd_id, employee_id = EXCLUDED.employee_id, official = EXCLUDED.official,
    declared_on = EXCLUDED.declared_on
WHERE (a.handle, a.platform_user_id, a.owner_type, a.opd_id, a.employee_id, a.official, a.declared_on)
      IS DISTINCT FROM (EXCLUDED.handle, EXCLUDED.platform_user_id, EXCLUDED.owner_type, EXCLUDED.opd_id,
                        EXCLUDED.employee_id, EXCLUDED.official, EXCLUDED.declared_on)
