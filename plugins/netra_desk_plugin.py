"""Airflow 3 plugin: the case desk (netra.desk) inside Airflow's api-server, under /desk, with a
link in Airflow's navigation. The desk logs its users in with their own PostgreSQL logins, not
Airflow's: the warehouse decides what each may see and do."""
from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin

from netra.desk.app import create_app

URL_PREFIX = "/desk"


class NetraDeskPlugin(AirflowPlugin):
    name = "netra_desk"
    fastapi_apps = [{"app": create_app(), "url_prefix": URL_PREFIX, "name": "Meja Kasus Netra"}]
    external_views = [{"name": "Meja Kasus", "href": URL_PREFIX.lstrip("/") + "/", "destination": "nav"}]
