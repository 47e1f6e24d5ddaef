import datetime as dt

import pytest

from netra.window import Window, WindowError, resolve

WITA = dt.timezone(dt.timedelta(hours=8))


def test_data_interval_wins():
    w = resolve(dt.datetime(2024, 10, 1, tzinfo=WITA), dt.datetime(2024, 10, 2, tzinfo=WITA),
                {"window_start": "2020-01-01T00:00:00+00:00", "window_end": "2020-01-02T00:00:00+00:00"})
    assert w.start == dt.datetime(2024, 9, 30, 16, tzinfo=dt.timezone.utc)
    assert list(w.days("Asia/Makassar")) == [dt.date(2024, 10, 1)]


def test_params_when_no_interval():
    w = resolve(None, None, {"window_start": "2024-10-01T00:00:00+08:00", "window_end": "2024-10-04T00:00:00+08:00"})
    assert list(w.days("Asia/Makassar")) == [dt.date(2024, 10, 1), dt.date(2024, 10, 2), dt.date(2024, 10, 3)]


def test_zero_width_interval_is_not_a_window():
    t = dt.datetime(2024, 10, 1, tzinfo=WITA)
    with pytest.raises(WindowError, match="no data interval"):
        resolve(t, t, {})


@pytest.mark.parametrize("params, message", [
    ({"window_start": "yesterday", "window_end": "2024-10-02T00:00:00+08:00"}, "not an ISO 8601"),
    ({"window_start": "2024-10-01T00:00:00", "window_end": "2024-10-02T00:00:00+08:00"}, "no UTC offset"),
    ({"window_start": "2024-10-02T00:00:00+08:00", "window_end": "2024-10-01T00:00:00+08:00"}, "not after"),
])
def test_bad_params_fail_loudly(params, message):
    with pytest.raises(WindowError, match=message):
        resolve(None, None, params)


def test_round_trip():
    w = Window(dt.datetime(2024, 10, 1, tzinfo=WITA), dt.datetime(2024, 10, 2, tzinfo=WITA))
    assert Window.from_dict(w.as_dict()) == w


def test_bounds_from_airflow_are_plain_utc_datetimes():
    """Airflow passes pendulum DateTimes; a pendulum bound minus a timedelta lost its offset."""
    import pendulum

    w = Window(pendulum.datetime(2024, 9, 26, 16, tz="UTC"), pendulum.datetime(2024, 9, 27, 16, tz="UTC"))
    assert type(w.start) is dt.datetime and (w.start - dt.timedelta(days=1)).tzinfo is not None


def test_a_run_without_a_window_fails_at_once_without_retries():
    """Configuration errors are not retried: under Airflow they fail the task at once."""
    from airflow.sdk.exceptions import AirflowFailException

    from netra import tasks
    from netra.rules.election import ElectionFileError

    with pytest.raises(AirflowFailException, match="WindowError: this run has no data interval"):
        tasks.window_step("upsert", {"params": {}})

    @tasks.fails_at_once
    def changed_file():
        raise ElectionFileError("e.yaml changed since it was loaded")

    with pytest.raises(AirflowFailException, match="ElectionFileError: e.yaml changed"):
        changed_file()

    @tasks.fails_at_once
    def passing_fault():
        raise ConnectionError("the warehouse is restarting")

    with pytest.raises(ConnectionError):            # anything else keeps its retries
        passing_fault()


def test_a_warehouse_connection_that_cannot_be_read_fails_at_once_and_names_it(monkeypatch, tmp_path):
    """No quiet fall back to another database: the task fails, without retries, naming the connection."""
    from airflow.sdk.exceptions import AirflowFailException

    from netra import tasks, warehouse

    monkeypatch.delenv(warehouse.ENV_VAR, raising=False)
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path))
    interval = {"data_interval_start": dt.datetime(2024, 10, 1, tzinfo=WITA),
                "data_interval_end": dt.datetime(2024, 10, 2, tzinfo=WITA)}
    with pytest.raises(AirflowFailException,
                       match="WarehouseConnectionError: the Airflow connection 'netra_warehouse' is not defined"):
        tasks.window_step("upsert", interval)
    monkeypatch.setenv(warehouse.ENV_VAR, "mysql://somewhere/else")
    with pytest.raises(AirflowFailException, match="AIRFLOW_CONN_NETRA_WAREHOUSE: not a PostgreSQL connection"):
        tasks.window_step("upsert", interval)
    monkeypatch.setenv(warehouse.ENV_VAR, '{"host": ')
    with pytest.raises(AirflowFailException, match="not a connection in JSON form"):
        tasks.window_step("upsert", interval)


def test_a_connection_lookup_that_fails_for_a_passing_reason_keeps_its_retries(monkeypatch):
    from airflow.sdk import BaseHook

    from netra import tasks, warehouse

    def unreachable(conn_id):
        raise ConnectionError("the execution API is restarting")

    monkeypatch.delenv(warehouse.ENV_VAR, raising=False)
    monkeypatch.setattr(BaseHook, "get_connection", unreachable)
    with pytest.raises(ConnectionError, match="restarting"):
        tasks.window_step("upsert", {"data_interval_start": dt.datetime(2024, 10, 1, tzinfo=WITA),
                                     "data_interval_end": dt.datetime(2024, 10, 2, tzinfo=WITA)})
