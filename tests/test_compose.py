"""docker-compose.yaml stays a valid description of the deployment (no Docker engine needed)."""
from __future__ import annotations

import ast
import sys

import yaml

from tests.conftest import ROOT

SHARED = ("AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
          "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW_CONN_NETRA_WAREHOUSE")


def test_compose_services_share_what_airflow_needs():
    compose = yaml.safe_load((ROOT / "docker-compose.yaml").read_text())
    services = compose["services"]
    airflow = {name: s for name, s in services.items() if name.startswith("airflow-")}
    assert {"airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
            "airflow-worker", "airflow-init"} <= set(airflow)
    for name, service in airflow.items():
        assert all(key in service["environment"] for key in SHARED), name
        assert service["image"].startswith("apache/airflow:3.3.2"), name
        mounts = {v.split(":")[1] for v in service["volumes"]}
        assert {"/opt/airflow/dags", "/opt/airflow/plugins", "/opt/airflow/include"} <= mounts, name
    for dependency in ("postgres", "warehouse", "redis"):
        assert "healthcheck" in services[dependency]
    # Pins handed to the containers are the ones requirements.txt installs.
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    extra = airflow["airflow-scheduler"]["environment"]["_PIP_ADDITIONAL_REQUIREMENTS"].split()
    assert extra and all(pins[p.split("==")[0]] == p.split("==")[1] for p in extra)


# What the runtime imports that apache/airflow:3.3.2 brings with Airflow itself; everything else it
# imports must be among the pins handed to the containers.
IN_THE_IMAGE = {"airflow", "fastapi", "httpx", "jinja2", "markupsafe", "numpy", "pandas", "pydantic", "sqlalchemy",
                "uvicorn", "yaml"}
DISTRIBUTION = {"ahocorasick": "pyahocorasick", "fpdf": "fpdf2", "vl_convert": "vl-convert-python",
                "great_expectations": "great-expectations", "psycopg2": "psycopg2-binary"}


def test_the_containers_get_every_package_the_runtime_imports():
    imported = set()
    for path in (ROOT / "plugins" / "netra").rglob("*.py"):
        if "dev" in path.relative_to(ROOT / "plugins" / "netra").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"netra"}
    compose = yaml.safe_load((ROOT / "docker-compose.yaml").read_text())
    pinned = {p.split("==")[0].lower() for p in
              compose["services"]["airflow-scheduler"]["environment"]["_PIP_ADDITIONAL_REQUIREMENTS"].split()}
    missing = {m for m in third_party - IN_THE_IMAGE if DISTRIBUTION.get(m, m).lower() not in pinned}
    assert "altair" in third_party and missing == set()


def test_the_worker_consumes_every_queue_the_pipeline_uses():
    """The worker's queues are the ones netra.platforms names (the DAG's ingest lanes and the
    default queue); a lane renamed there and not here would wait forever."""
    from netra import platforms

    services = yaml.safe_load((ROOT / "docker-compose.yaml").read_text())["services"]
    args = services["airflow-worker"]["command"].split()
    assert args[:2] == ["celery", "worker"]
    assert args[args.index("--queues") + 1].split(",") == list(platforms.worker_queues())
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS"] == "netra.executor.CELERY_CONFIG"
