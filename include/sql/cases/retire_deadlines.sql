UPDATE cases.deadline_rule SET active = false
