-- Fresh planner statistics for the pipeline's tables named (ops.analyze: ANALYZE as their owner).
SELECT ops.analyze(CAST(:tables AS text[]))
