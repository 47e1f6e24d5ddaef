"""One module per platform API, each a `Connector` (netra.extract.paging)."""
