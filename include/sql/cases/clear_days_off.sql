DELETE FROM cases.day_off WHERE extract(year FROM day) BETWEEN :first AND :last
