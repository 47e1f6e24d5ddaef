DELETE FROM ops.window_memo WHERE window_start = :window_start AND window_end = :window_end
