-- A rerun of the batch's window replaces its outcomes.
DELETE FROM ops.fetch_outcome
WHERE batch_key = :batch_key AND window_start = :window_start AND window_end = :window_end
