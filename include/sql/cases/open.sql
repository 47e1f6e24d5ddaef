-- A case for each subject and election with candidates and no open case: in the workflow's first
-- state, discovered when its first finding was made, in the OPD of its earliest post.
INSERT INTO cases.case (election_id, employee_id, account_id, opd_id, state, discovered_at)
SELECT election_id, employee_id, account_id, (array_agg(opd_id ORDER BY created_at, finding_id))[1],
       :first_state, min(evaluated_at)
FROM case_candidate n
WHERE NOT EXISTS (SELECT 1 FROM cases.case c
                  WHERE c.election_id = n.election_id AND c.closed_at IS NULL
                    AND c.employee_id IS NOT DISTINCT FROM n.employee_id
                    AND c.account_id IS NOT DISTINCT FROM n.account_id)
GROUP BY election_id, employee_id, account_id
ORDER BY min(evaluated_at), election_id, employee_id, account_id
RETURNING case_id
