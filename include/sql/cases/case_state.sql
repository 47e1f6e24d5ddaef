SELECT state FROM cases.case WHERE case_id = :case_id
