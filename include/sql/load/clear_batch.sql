-- A batch re-derives its staged rows and fetches for the window from raw, so it first removes its old ones.
WITH fetches AS (
    DELETE FROM stage.fetch WHERE window_start = :window_start AND window_end = :window_end AND batch_key = :batch_key
)
DELETE FROM stage.post WHERE window_start = :window_start AND window_end = :window_end AND batch_key = :batch_key
