-- Is every watched account still being collected? Per platform and account (the OPDs' accounts and
-- the candidates' by their public handle, an employee's by its keyed pseudonym only, never a
-- handle or name): the last complete timeline fetch (raw.fetch.complete: every page arrived), its
-- age now, and the last thing that happened to it (the newest outcome in ops.fetch_outcome, or,
-- where landing files record none for a fetch that worked, fetched / incomplete from raw.fetch).
-- Watched: every OPD account and every candidate account in the election files, fetched or not
-- (never fetched shows no last fetch), and any employee account a timeline fetch named.
CREATE VIEW ops.freshness AS
WITH fetched AS (
    SELECT f.platform, lower(f.account) AS account_key,
           max(f.fetched_at) FILTER (WHERE f.complete) AS last_complete_at,
           (array_agg(f.complete ORDER BY f.fetched_at DESC))[1] AS last_complete,
           max(f.fetched_at) AS last_fetch_at
    FROM raw.fetch f
    WHERE f.scope_kind = 'timeline' AND f.account IS NOT NULL
    GROUP BY 1, 2
), outcome AS (
    SELECT DISTINCT ON (o.platform, lower(o.scope_key)) o.platform, lower(o.scope_key) AS account_key,
           o.status, o.fetched_at
    FROM ops.fetch_outcome o
    WHERE o.scope_kind = 'timeline'
    ORDER BY o.platform, lower(o.scope_key), o.fetched_at DESC
), watched AS (
    SELECT a.platform::text AS platform, a.handle_key AS account_key,
           CASE a.owner_type WHEN 'opd' THEN 'opd' ELSE 'employee' END AS owner_kind,
           CASE WHEN a.owner_type = 'opd' THEN a.handle END AS handle, a.pseudonym AS account_pseudonym,
           o.code AS opd_code
    FROM registry.account a
    LEFT JOIN registry.opd o ON o.opd_id = a.opd_id
    WHERE a.owner_type = 'opd'
       OR EXISTS (SELECT 1 FROM fetched x WHERE x.platform = a.platform AND x.account_key = a.handle_key)
    UNION ALL
    (SELECT DISTINCT ON (c.platform, c.handle_key) c.platform::text, c.handle_key, 'candidate', c.handle, NULL, NULL
     FROM registry.candidate_account c
     WHERE c.in_file
       AND NOT EXISTS (SELECT 1 FROM registry.account a WHERE a.platform = c.platform AND a.handle_key = c.handle_key)
     ORDER BY c.platform, c.handle_key, c.election_id DESC)
)
SELECT w.platform, w.owner_kind, w.handle, w.account_pseudonym, w.opd_code,
       f.last_complete_at, now() - f.last_complete_at AS age,
       CASE WHEN o.fetched_at >= f.last_fetch_at OR f.last_fetch_at IS NULL THEN o.status
            WHEN f.last_complete THEN 'fetched' ELSE 'incomplete' END AS last_status,
       greatest(o.fetched_at, f.last_fetch_at) AS last_status_at
FROM watched w
LEFT JOIN fetched f ON f.platform = w.platform AND f.account_key = w.account_key
LEFT JOIN outcome o ON o.platform = w.platform AND o.account_key = w.account_key;
