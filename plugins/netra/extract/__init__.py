"""Extraction: where content comes from. Every source yields `Fetch`es (fetch.py) for a batch of
accounts and a window: the landing files (landing.py) or the platform APIs (api.py), whose
connectors (connectors/) share the HTTP policy (http.py) and the paging bookkeeping (paging.py)."""
