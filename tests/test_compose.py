"""docker-compose.yaml stays a valid description of the deployment (no Docker engine needed)."""
from __future__ import annotations

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
