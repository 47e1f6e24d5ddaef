-- What the warehouse holds for payloads a bundle names: the hash recorded at landing and the hash
-- of the bytes it holds now (NULL once retention removed them), computed here so the bytes stay.
SELECT payload_id, sha256, encode(sha256(raw.page_body(payload_id)), 'hex') AS body_sha256, removed_at
FROM raw.payload
WHERE payload_id = ANY(:ids)
