SELECT code, opd_id FROM registry.opd WHERE code = ANY(CAST(:codes AS text[]))
