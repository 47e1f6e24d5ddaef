-- A case for each subject and election with candidates and no open case: in the workflow's first
-- state, discovered when its first finding was made, in the OPD of its earliest post. Subjects
-- match as in attach.sql.
INSERT INTO cases.case (election_id, employee_id, account_id, opd_id, state, discovered_at)
SELECT election_id, employee_id, account_id, (array_agg(opd_id ORDER BY created_at, finding_id))[1],
       :first_state, min(evaluated_at)
FROM case_candidate n
WHERE NOT EXISTS (SELECT 1 FROM cases.case c
                  WHERE c.election_id = n.election_id AND c.closed_at IS NULL
                    AND coalesce(c.employee_id, 0) = coalesce(n.employee_id, 0)
                    AND coalesce(c.account_id, 0) = coalesce(n.account_id, 0))
GROUP BY election_id, employee_id, account_id
ORDER BY min(evaluated_at), election_id, employee_id, account_id
RETURNING case_id
