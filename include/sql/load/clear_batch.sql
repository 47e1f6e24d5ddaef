-- A batch re-derives its staged rows for the window from raw, so it first removes its old ones.
DELETE FROM stage.post WHERE window_start = :window_start AND batch_key = :batch_key
