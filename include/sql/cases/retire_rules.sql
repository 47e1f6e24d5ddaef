UPDATE cases.transition_rule SET active = false
