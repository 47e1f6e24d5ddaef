-- The window's staged rows, read once: every later step sees the same rows even if a batch of
-- the window is re-ingested meanwhile.
CREATE TEMP TABLE staged ON COMMIT DROP AS
SELECT * FROM stage.post WHERE window_start = :window_start AND window_end = :window_end
