INSERT INTO cases.scope (role_name, opd_id) VALUES (:role_name, :opd_id) ON CONFLICT DO NOTHING
