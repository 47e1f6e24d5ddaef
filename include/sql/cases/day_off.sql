-- The days off of the years loaded, replaced as a whole (a decree may move a collective leave).
INSERT INTO cases.day_off (day, name) SELECT * FROM unnest(CAST(:days AS date[]), CAST(:names AS text[]))
ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name
