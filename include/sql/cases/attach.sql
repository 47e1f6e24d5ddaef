-- Every candidate joins its subject's open case; per case, the findings it gained.
WITH attached AS (
    INSERT INTO cases.case_finding (finding_id, case_id)
    SELECT n.finding_id, c.case_id
    FROM case_candidate n
    JOIN cases.case c ON c.election_id = n.election_id AND c.closed_at IS NULL
                     AND c.employee_id IS NOT DISTINCT FROM n.employee_id
                     AND c.account_id IS NOT DISTINCT FROM n.account_id
    RETURNING case_id, finding_id
)
SELECT case_id, array_agg(finding_id ORDER BY finding_id) AS finding_ids FROM attached GROUP BY case_id ORDER BY case_id
