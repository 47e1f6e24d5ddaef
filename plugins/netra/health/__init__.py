"""Is the pipeline still collecting what it should? (the netra_health DAG)

checks: each check one query over the ops views, a reading per platform, source or suite against
its threshold; thresholds: include/rules/health.yaml, validated; page: health.html beside the
reports; task: the DAG's callable, which logs every reading, writes the page and mails one alert.
"""
