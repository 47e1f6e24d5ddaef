"""The demo's calls to Airflow's REST API (/api/v2) on the api-server it started, as its admin.
Pausing, unpausing and creating a backfill take a request each here; through the `airflow` CLI
each started a Python process that imported Airflow, 3-4 s apiece on the demo's critical path."""
from __future__ import annotations

import datetime as dt

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed


class AirflowApi:
    def __init__(self, base_url: str, password: str, login: str = "admin"):
        self.base, self.login, self.password = base_url.rstrip("/"), login, password
        self.client = httpx.Client(timeout=60)
        self.token: str | None = None

    # The api-server may still be starting: its port refuses connections until it listens.
    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_delay(120), wait=wait_fixed(1),
           reraise=True)
    def _call(self, method: str, path: str, body: dict) -> dict:
        if self.token is None:
            login = self.client.post(f"{self.base}/auth/token", json={"username": self.login, "password": self.password})
            login.raise_for_status()
            self.token = login.json()["access_token"]
        response = self.client.request(method, f"{self.base}/api/v2/{path}", json=body,
                                       headers={"Authorization": f"Bearer {self.token}"})
        if response.is_error:
            raise RuntimeError(f"Airflow's API refused {method} /api/v2/{path}: {response.status_code} "
                               f"{response.text[-2000:]}")
        return response.json()

    def pause(self, dag_id: str, paused: bool = True) -> None:
        self._call("PATCH", f"dags/{dag_id}", {"is_paused": paused})

    def unpause(self, dag_id: str) -> None:
        self.pause(dag_id, False)

    def backfill(self, dag_id: str, first: dt.datetime, last: dt.datetime, max_active_runs: int) -> int:
        """A backfill of [first, last] that reruns failed runs and skips succeeded ones; its id."""
        return self._call("POST", "backfills", {"dag_id": dag_id, "from_date": first.isoformat(),
                                                "to_date": last.isoformat(), "reprocess_behavior": "failed",
                                                "max_active_runs": max_active_runs})["id"]

    def trigger(self, dag_id: str) -> str:
        """A manual run now, without a logical date; its run id."""
        return self._call("POST", f"dags/{dag_id}/dagRuns", {"logical_date": None})["dag_run_id"]

    def close(self) -> None:
        self.client.close()
