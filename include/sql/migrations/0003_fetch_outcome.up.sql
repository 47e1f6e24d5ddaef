-- What became of every requested account or post, per batch and window (issue 4): fetched with
-- counts, rate-limited then fetched, not found, deleted, private, or failed with the error.
-- Re-derived for (batch, window) on every run, like the staged rows.
CREATE TABLE ops.fetch_outcome (
    batch_key     text NOT NULL,
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    platform      text NOT NULL,
    scope_kind    text NOT NULL,            -- timeline | comments
    scope_key     text NOT NULL,            -- the account handle, or the post whose comments
    account       text,
    status        text NOT NULL CHECK (status IN ('fetched', 'rate_limited_then_fetched', 'not_found',
                                                  'deleted', 'private', 'failed')),
    items         int NOT NULL DEFAULT 0,
    pages         int NOT NULL DEFAULT 0,
    attempts      int NOT NULL DEFAULT 0,
    rate_limited  int NOT NULL DEFAULT 0,
    waited_s      real NOT NULL DEFAULT 0,
    error         text,
    fetch_id      text REFERENCES raw.fetch (fetch_id),
    fetched_at    timestamptz NOT NULL,
    PRIMARY KEY (batch_key, window_start, window_end, platform, scope_kind, scope_key)
);
CREATE INDEX fetch_outcome_status ON ops.fetch_outcome (status, window_start);
