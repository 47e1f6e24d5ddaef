DELETE FROM quarantine.record WHERE window_start = :window_start AND batch_key = :batch_key
