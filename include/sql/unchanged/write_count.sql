-- How many counted writes there have been (0 before the first): see migration 0010.
SELECT coalesce(pg_sequence_last_value('ops.write_count'), 0)
