"""The demo's Airflow environment: per-checkout secrets, the admin's password file, the settings
every Airflow component and CLI call of the demo runs with (on the LocalExecutor, or on Celery with
the demo's Redis as broker), and the credentials for whoever asks."""
from __future__ import annotations

import json
import os
from pathlib import Path
from secrets import token_urlsafe

from netra import platforms, settings, warehouse
from netra.dev.cluster import Cluster, free_port

# In the environment of every process the demo starts, naming this checkout's state directory:
# `netra demo stop` finds by it what left the components' sessions.
OWNER = "NETRA_DEMO_OWNER"


def cluster() -> Cluster:
    return Cluster(settings.state() / "pg")


def state_file() -> Path:
    """Which source and executor the last run used, kept between runs."""
    return settings.state() / "demo.json"


def recorded(key: str) -> str | None:
    """What the last run recorded under `key` ("source", "executor"); None before the first run."""
    try:
        return json.loads(state_file().read_text())[key]
    except (OSError, ValueError, KeyError):
        return None


def _secrets_file() -> Path:
    return settings.state() / "airflow" / "secrets.json"


def secrets() -> dict:
    """Per-checkout Airflow secrets, generated once and kept in .netra/airflow/secrets.json (0600)."""
    path = _secrets_file()
    if path.exists():
        return json.loads(path.read_text())
    from cryptography.fernet import Fernet

    path.parent.mkdir(parents=True, exist_ok=True)
    values = {"jwt_secret": token_urlsafe(64), "fernet_key": Fernet.generate_key().decode(),
              "admin_password": token_urlsafe(12), "api_port": free_port()}
    path.write_text(json.dumps(values, indent=2))
    os.chmod(path, 0o600)
    return values


def has_secrets() -> bool:
    return _secrets_file().exists()


def fake_api(s: dict) -> dict:
    """Port and token of the sample's fake platform APIs (API mode), chosen once per checkout."""
    if "fake_api_port" not in s:
        s = {**s, "fake_api_port": free_port(), "fake_api_token": token_urlsafe(24)}
        _secrets_file().write_text(json.dumps(s, indent=2))
        os.chmod(_secrets_file(), 0o600)
    return s


def _kept(name: str, make):
    """A secret generated once per checkout and kept with the others."""
    s = secrets()
    if name not in s:
        s = {**s, name: make()}
        _secrets_file().write_text(json.dumps(s, indent=2))
        os.chmod(_secrets_file(), 0o600)
    return s[name]


def pseudonym_key() -> bytes:
    """The demo's pseudonym key (the password of its netra_pseudonym_key connection), kept so the
    demo's pseudonyms stay the same from run to run."""
    return _kept("pseudonym_key", lambda: token_urlsafe(48)).encode()


def contact_conn() -> str:
    """The demo's netra_contact_key connection (JSON form): the key reporters' contacts are
    encrypted under."""
    return json.dumps({"conn_type": "generic", "password": _kept("contact_key", lambda: token_urlsafe(48))})


# A login per role: the pipeline runs as the loader, the desk's users and the analyst as themselves.
LOGINS = {"pipeline": "loader", "pemantau": "case_officer", "atasan": "supervisor", "analis": "analyst",
          "auditor": "auditor", "pemilik": "owner"}


def logins() -> dict[str, str]:
    """The demo logins' passwords by login name."""
    return _kept("logins", lambda: {name: token_urlsafe(18) for name in LOGINS})


def login_dsn(cluster: Cluster, name: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(cluster.dsn("netra")).set(username=name, password=logins()[name]).render_as_string(
        hide_password=False)


def passwords_file() -> Path:
    """Airflow's simple auth manager reads the admin's password from here."""
    return settings.state() / "airflow" / "passwords.json"


def redis() -> dict:
    """The demo's Redis (the Celery broker): a loopback port and a password, chosen once per checkout."""
    return {"port": _kept("redis_port", free_port), "password": _kept("redis_password", lambda: token_urlsafe(24))}


# Airflow 3.3's task supervisor often notices its task's exit only at its next heartbeat wait (5 s
# by default), holding the executor's slot that long after every short task: on either executor.
SUPERVISOR = {"AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "1"}


def celery_settings(broker_url: str, result_backend: str) -> dict:
    """Airflow on Celery: tasks through the broker, their states in `result_backend` (Airflow's own
    database, db+postgresql://...), each worker's task processes started with the heavy imports done
    (netra.executor)."""
    return {"AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CELERY__BROKER_URL": broker_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": result_backend,
            "AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS": "netra.executor.CELERY_CONFIG",
            # A task unacknowledged this long goes to another worker: longer than any task's timeout.
            "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "21600",
            **SUPERVISOR}


def _executor_settings(cluster: Cluster, executor: str) -> dict:
    """The LocalExecutor (warm, netra.executor), or Celery with the demo's Redis as broker."""
    if executor == "local":
        return {"AIRFLOW__CORE__EXECUTOR": "netra.executor.WarmLocalExecutor", **SUPERVISOR}
    r = redis()
    return celery_settings(f"redis://:{r['password']}@127.0.0.1:{r['port']}/0", f"db+{cluster.dsn('airflow')}")


def airflow_env(cluster: Cluster, source: str = "landing", executor: str | None = None) -> dict:
    """Every component's and CLI call's environment; `executor` defaults to the last run's."""
    executor = executor or recorded("executor") or "local"
    key = pseudonym_key()
    s = fake_api(secrets()) if source == "api" else secrets()
    home = settings.state() / "airflow"
    (home / "plugins").mkdir(parents=True, exist_ok=True)
    passwords_file().write_text(json.dumps({"admin": s["admin_password"]}))
    os.chmod(passwords_file(), 0o600)
    base = f"http://127.0.0.1:{s['api_port']}"
    return {
        **os.environ,
        OWNER: str(settings.state()),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.home() / "dags"),
        # netra is installed into the environment; Airflow's plugins folder holds only the desk's
        # plugin module (netra_desk_plugin.py, linked there by desk_plugin()).
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(home / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        **_executor_settings(cluster, executor),
        "AIRFLOW__CORE__PARALLELISM": settings.demo_parallelism(),
        "AIRFLOW__API__WORKERS": settings.demo_api_workers(),
        "AIRFLOW__CORE__FERNET_KEY": s["fernet_key"],
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords_file()),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
        "AIRFLOW__API__BASE_URL": base,
        "AIRFLOW__API__PORT": str(s["api_port"]),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API_AUTH__JWT_SECRET": s["jwt_secret"],
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": warehouse.url_from_airflow_conn(cluster.dsn("airflow")),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # Task logs say what each task did (netra.tasks logs at INFO); the api-server does not log
        # every Execution API call.
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "AIRFLOW__LOGGING__NAMESPACE_LEVELS": "http.access=WARNING",
        # The pipeline and the reports work as the loader login; the desk logs each user in as theirs.
        "AIRFLOW_CONN_NETRA_WAREHOUSE": login_dsn(cluster, "pipeline"),
        "AIRFLOW_CONN_NETRA_CONTACT_KEY": contact_conn(),
        "AIRFLOW_CONN_NETRA_PSEUDONYM_KEY": json.dumps({"conn_type": "generic", "password": key.decode()}),
        "NETRA_LANDING_DIR": str(settings.state() / "sample" / "landing"),
        "NETRA_REPORT_DIR": str(settings.reports()),
        "NETRA_DESK_URL": desk_url(),
        "GX_ANALYTICS_ENABLED": "false",
        "NETRA_SOURCE": source,
        **(_api_connections(s) if source == "api" else {}),
    }


def _api_connections(s: dict) -> dict:
    """The Airflow connections netra_<platform>, all pointing at the fake APIs."""
    conn = json.dumps({"conn_type": "http", "host": f"http://127.0.0.1:{s['fake_api_port']}", "login": "demo",
                       "password": s["fake_api_token"]})
    return {f"AIRFLOW_CONN_NETRA_{p.upper()}": conn for p in platforms.NAMES}


def desk_plugin() -> None:
    """Link the desk's Airflow plugin module into the demo's plugins folder, so the api-server
    serves the desk under /desk."""
    link = settings.state() / "airflow" / "plugins" / "netra_desk_plugin.py"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(settings.home() / "plugins" / "netra_desk_plugin.py")


def desk_url() -> str:
    return f"http://127.0.0.1:{secrets()['api_port']}/desk/"


def credentials() -> str:
    """The Airflow login, the warehouse DSN and every demo login, for whoever asks for them by name."""
    lines = [f"Airflow UI:  http://127.0.0.1:{secrets()['api_port']}  user admin, password {secrets()['admin_password']}",
             f"Warehouse:   {cluster().dsn('netra')}   (the cluster's superuser)",
             f"Desk:        {desk_url()}"]
    if recorded("executor") == "celery":
        lines.append(f"Redis:       redis://:{redis()['password']}@127.0.0.1:{redis()['port']}/0   (the Celery broker)")
    lines += [f"  {name:<9} {LOGINS[name]:<13} password {password}   psql \"{login_dsn(cluster(), name)}\""
              for name, password in logins().items()]
    return "\n".join(lines)
