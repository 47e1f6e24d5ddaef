"""The reports' warehouse: the short election's first campaign days run once through the whole
pipeline (findings, cases) into a template, and a fresh copy of it for each test."""
from __future__ import annotations

import datetime as dt

import pytest

from netra import warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import copy_of, judged_template

DAYS = (dt.date(2024, 11, 19), dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 22))


@pytest.fixture(scope="session")
def reports_template(cluster, new_db, short_sample):
    return judged_template(new_db, short_sample[0], SHORT_ELECTION, DAYS)


@pytest.fixture
def reports_db(cluster, reports_template):
    """A superuser engine on a copy of the template for one test."""
    with copy_of(cluster, reports_template, "r") as url:
        yield warehouse.engine(url)
