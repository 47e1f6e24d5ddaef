INSERT INTO audit.event (actor, kind, subject, detail) VALUES (:actor, :kind, :subject, CAST(:detail AS jsonb))
