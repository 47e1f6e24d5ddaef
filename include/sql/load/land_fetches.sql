-- Land the batch's fetches (staged in pg_temp.land_fetch). A fetch id names one request scope
-- of one window, so landing it again changes nothing.
INSERT INTO raw.fetch (fetch_id, source, platform, scope_kind, scope_key, account, account_platform_id,
                       since, until, fetched_at, complete, request, batch_key, window_start, window_end)
SELECT fetch_id, source, platform, scope_kind, scope_key, account, account_platform_id,
       since, until, fetched_at, complete, request, batch_key, window_start, window_end
FROM pg_temp.land_fetch
ON CONFLICT (fetch_id) DO NOTHING
