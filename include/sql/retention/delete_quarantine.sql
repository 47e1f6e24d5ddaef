-- Quarantined items of removed pages: they hold the items as received.
DELETE FROM quarantine.record q USING retention_payload r WHERE q.payload_id = r.payload_id
