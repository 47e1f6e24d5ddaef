-- What the queue's filters offer: the OPDs and platforms of the cases the reader may see.
SELECT 'opd' AS filter, opd_code AS value, min(opd_name) AS label FROM desk.queue
WHERE opd_code IS NOT NULL GROUP BY opd_code
UNION ALL
SELECT DISTINCT 'platform', p, p FROM desk.queue, unnest(platforms) p
ORDER BY 1, 3
