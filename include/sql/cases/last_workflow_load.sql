SELECT detail FROM audit.event WHERE kind = 'workflow_load' ORDER BY event_id DESC LIMIT 1
