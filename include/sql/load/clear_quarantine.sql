DELETE FROM quarantine.record WHERE window_start = :window_start AND window_end = :window_end AND batch_key = :batch_key
