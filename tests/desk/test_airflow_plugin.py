"""The desk as an Airflow 3 plugin: Airflow's own api-server app (create_app), with this checkout's
plugin module in its plugins folder, serves the desk under /desk; every link, the cookie and the
redirects stay under the prefix, and the warehouse is the netra_warehouse connection."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests import airflow_env
from tests.desk.conftest import q

pytestmark = [pytest.mark.airflow, pytest.mark.db]
PLUGIN = airflow_env.ROOT / "plugins" / "netra_desk_plugin.py"


@pytest.fixture
def api_server(desk_db, monkeypatch):
    airflow_env.configure()
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", desk_db)
    from airflow import plugins_manager, settings
    from airflow.api_fastapi.app import create_app

    # The test's own plugins folder, even when an earlier test imported Airflow before
    # airflow_env.configure() named its home.
    monkeypatch.setattr(settings, "PLUGINS_FOLDER", str(airflow_env.HOME / "plugins"))
    link = airflow_env.HOME / "plugins" / PLUGIN.name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(PLUGIN)
    # Airflow caches the plugins it found; forget them before and after, so other tests see theirs.
    caches = (plugins_manager._get_plugins, plugins_manager.get_fastapi_plugins, plugins_manager._get_ui_plugins)
    for cached in caches:
        cached.cache_clear()
    try:
        with TestClient(create_app(apps="core")) as client:
            yield client, plugins_manager
    finally:
        link.unlink()
        for cached in caches:
            cached.cache_clear()


def test_airflows_api_server_serves_the_desk_under_desk(api_server, logins, admin):
    client, plugins_manager = api_server
    (entry,), _ = plugins_manager.get_fastapi_plugins()
    assert entry["url_prefix"] == "/desk"
    views = [v for p in plugins_manager._get_plugins()[0] for v in p.external_views]
    assert views == [{"name": "Meja Kasus", "href": "desk/", "destination": "nav"}]
    assert client.get("/desk/", follow_redirects=False).headers["location"] == "/desk/masuk"
    assert "Masuk ke Meja Kasus" in client.get("/desk/masuk").text
    name, password = logins("netra_case_officer")
    r = client.post("/desk/masuk", data={"nama": name, "sandi": password}, follow_redirects=False)
    assert r.headers["location"] == "/desk/" and "Path=/desk/" in r.headers["set-cookie"]
    page = client.get("/desk/", params={"status": "semua"})
    links = re.findall(r'(?:href|src|action|hx-get)="([^"#]+)"', page.text)
    assert links and all(link.startswith("/desk/") for link in links), links
    cases = {int(c) for c in re.findall(r'href="/desk/kasus/(\d+)"', page.text)}
    assert cases == {r.case_id for r in q(admin, "SELECT case_id FROM cases.case")}
    assert client.get("/desk/static/htmx.min.js").status_code == 200
    assert f"Kasus #{min(cases)}" in client.get(f"/desk/kasus/{min(cases)}").text
