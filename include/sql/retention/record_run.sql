-- One row per run, with the policy and what it removed; a trigger audits it (kind 'retention').
INSERT INTO ops.retention_run (policy, removed) VALUES (CAST(:policy AS jsonb), CAST(:removed AS jsonb))
RETURNING run_id
