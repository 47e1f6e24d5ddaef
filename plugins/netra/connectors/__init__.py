"""Platform API connectors: one module per platform behind `Connector`, sharing the HTTP policy
of `netra.connectors.http` (timeouts, retries, rate limits, credential failures) and the paging
and outcome bookkeeping of `netra.connectors.base`."""
