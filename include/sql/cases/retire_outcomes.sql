UPDATE cases.outcome SET active = false
