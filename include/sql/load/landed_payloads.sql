-- The stored payloads of the batch's pages as landed now, and whether the page was landed
-- before with other bytes (raw.payload_key: every page once, whichever month holds it).
SELECT k.payload_id, k.fetch_id, k.page_no,
       EXISTS (SELECT 1 FROM raw.payload_key o
               WHERE o.fetch_id = k.fetch_id AND o.page_no = k.page_no AND o.sha256 <> k.sha256) AS changed
FROM raw.payload_key k
JOIN pg_temp.land_payload l USING (fetch_id, page_no, sha256)
