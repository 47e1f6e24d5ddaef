SELECT event_id, hash FROM audit.event ORDER BY event_id DESC LIMIT 1
