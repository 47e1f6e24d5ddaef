"""A daily report opened from its file in a real browser (Debian's headless Chromium through the
system chromedriver, as the desk's browser test): the charts are drawn (SVG marks, no script and
no network needed) and the scorecard lists every OPD."""
from __future__ import annotations

import datetime as dt

import pytest

from netra.dev import desk_screens
from netra.reports import write
from tests.pipeline_helpers import day_window
from tests.cases.conftest import q

pytestmark = pytest.mark.db
if desk_screens.browser_paths() is None:
    pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver; "
                ".ci/run installs them)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402


def test_the_daily_report_shows_its_charts_and_scorecard_in_chromium(reports_db, tmp_path):
    write.write_windows(reports_db, [day_window(dt.date(2024, 11, 22))], tmp_path, "Asia/Makassar")
    with desk_screens.browser() as driver:
        driver.get((tmp_path / "daily-2024-11-22.html").as_uri())
        assert driver.find_element(By.TAG_NAME, "h1").text == "Laporan Harian Jumat, 22 November 2024"
        charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart")
        assert {c.get_attribute("id") for c in charts} >= {"grafik-tren", "grafik-platform", "grafik-pasangan",
                                                           "grafik-status", "grafik-rapor"}
        bars = driver.find_elements(By.CSS_SELECTOR, "#grafik-platform svg .mark-rect path")
        assert len(bars) > 0 and all(b.size["width"] > 0 for b in bars)
        assert len(driver.find_elements(By.CSS_SELECTOR, "#grafik-tren svg .mark-line path")) > 0
        assert len(driver.find_elements(By.CSS_SELECTOR, "#grafik-rapor svg .mark-rect path")) > 0
        rows = driver.find_elements(By.CSS_SELECTOR, "table.scorecard tr")[1:]
        (opds,), = q(reports_db, "SELECT count(*) FROM registry.opd")
        assert len(rows) == opds
        assert rows[0].find_elements(By.TAG_NAME, "td")[0].text == "1"
