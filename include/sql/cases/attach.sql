-- Every candidate joins its subject's open case; each case that gained findings gets one audit
-- row naming them (the chain trigger links the rows one by one, in case order). Returns the
-- attached findings per case. The subject is matched on coalesce(id, 0) (ids start at 1), an
-- equality PostgreSQL can hash, where IS NOT DISTINCT FROM made it compare every pair.
WITH attached AS (
    INSERT INTO cases.case_finding (finding_id, finding_post_pk, case_id)
    SELECT n.finding_id, n.post_pk, c.case_id
    FROM case_candidate n
    JOIN cases.case c ON c.election_id = n.election_id AND c.closed_at IS NULL
                     AND coalesce(c.employee_id, 0) = coalesce(n.employee_id, 0)
                     AND coalesce(c.account_id, 0) = coalesce(n.account_id, 0)
    RETURNING case_id, finding_id
), per_case AS (
    SELECT case_id, array_agg(finding_id ORDER BY finding_id) AS finding_ids FROM attached GROUP BY case_id
), audited AS (
    INSERT INTO audit.event (actor, kind, subject, detail)
    SELECT :actor, 'case_findings', 'case:' || case_id,
           jsonb_build_object('finding_ids', to_jsonb(finding_ids), 'window', CAST(:window AS jsonb))
    FROM per_case ORDER BY case_id
)
SELECT case_id, finding_ids FROM per_case ORDER BY case_id
