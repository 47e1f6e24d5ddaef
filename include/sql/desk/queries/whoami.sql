-- Who the desk's user is in the warehouse: which desk role their login belongs to (a superuser
-- belongs to every role, so it is named apart).
SELECT current_user AS login,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
       pg_has_role(current_user, 'netra_case_officer', 'MEMBER') AS case_officer,
       pg_has_role(current_user, 'netra_supervisor', 'MEMBER') AS supervisor
