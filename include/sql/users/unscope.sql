DELETE FROM cases.scope WHERE role_name = :role_name
