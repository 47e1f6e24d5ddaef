-- The month partitions a window needs before it lands, and the next month's (ops.ensure_partitions,
-- which makes them as their owner): per month, the partitions made, or why none could be yet.
SELECT partition_month, made, skipped FROM ops.ensure_partitions(CAST(:month AS date))
