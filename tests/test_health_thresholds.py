"""The health thresholds file is validated on load: the shipped file loads, and a file that could
never alert as meant (a ratio above 1, a platform Netra does not know, a key misspelt, a field
missing) is refused with the file and field named."""
from __future__ import annotations

import pytest
import yaml

from netra.health import thresholds as health_thresholds
from netra.rules.datafile import RulesFileError
from tests.conftest import ROOT

SHIPPED = ROOT / "include" / "rules" / "health.yaml"


def test_the_shipped_file_loads():
    t = health_thresholds.load()
    assert t == health_thresholds.load(SHIPPED)
    assert 0 < t.volume.drop_ratio < 1 and t.period_hours == 24 and "private" in t.fetch.account_statuses


def _write(tmp_path, change) -> object:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "health.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda d: d["volume"].update(drop_ratio=1.5), r"volume.drop_ratio: Input should be less than or equal to 1"),
    (lambda d: d["freshness"].update(platforms={"myspace": 12}), r"freshness.platforms: Value error, unknown platform\(s\) myspace"),
    (lambda d: d["freshness"].update(platforms={"x": 0}), r"freshness.platforms: Value error, hours must be greater than 0"),
    (lambda d: d["quarantine"].update(max_rat=0.1), r"quarantine.max_rat: Extra inputs are not permitted"),
    (lambda d: d.pop("cases"), r"cases: Field required"),
    (lambda d: d["fetch"].update(account_statuses=["fetched"]), r"fetch.account_statuses.0: Input should be 'private'"),
    (lambda d: d["volume"].update(min_baseline_days=8), r"volume.min_baseline_days: Input should be less than or equal to 7"),
])
def test_a_bad_file_is_refused_naming_the_field(tmp_path, change, message):
    path = _write(tmp_path, change)
    with pytest.raises(RulesFileError, match=message) as caught:
        health_thresholds.load(path)
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "health.yaml"
    path.write_text("volume: [drop_ratio: 0.5\n", encoding="utf-8")
    with pytest.raises(RulesFileError, match="health.yaml"):
        health_thresholds.load(path)
