-- The accounts retention must keep whatever their age, for this transaction (retention_held):
-- those an open hold names, the accounts of an employee it names, and the accounts of the
-- subject (employee or account) of every case that is still open or under an open hold.
CREATE TEMP TABLE retention_held ON COMMIT DROP AS
WITH held_case AS (
    SELECT c.employee_id, c.account_id
    FROM cases.case c
    WHERE c.closed_at IS NULL
       OR EXISTS (SELECT 1 FROM cases.hold h WHERE h.case_id = c.case_id AND h.released_at IS NULL)
), held_employee AS (
    SELECT employee_id FROM cases.hold WHERE released_at IS NULL AND employee_id IS NOT NULL
    UNION
    SELECT employee_id FROM held_case WHERE employee_id IS NOT NULL
)
SELECT account_id FROM cases.hold WHERE released_at IS NULL AND account_id IS NOT NULL
UNION
SELECT account_id FROM held_case WHERE account_id IS NOT NULL
UNION
SELECT a.account_id FROM registry.account a JOIN held_employee USING (employee_id)
