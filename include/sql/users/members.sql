-- Logins of Netra's group roles, their group and, for supervisors, their OPDs.
SELECT u.rolname AS login, g.rolname AS role,
       coalesce((SELECT array_agg(o.code ORDER BY o.code) FROM cases.scope s JOIN registry.opd o USING (opd_id)
                 WHERE s.role_name = u.rolname), '{}') AS opds
FROM pg_auth_members m
JOIN pg_roles g ON g.oid = m.roleid
JOIN pg_roles u ON u.oid = m.member
WHERE u.rolcanlogin AND g.rolname IN ('netra_owner', 'netra_loader', 'netra_analyst', 'netra_case_officer',
                                      'netra_supervisor', 'netra_auditor')
ORDER BY u.rolname
