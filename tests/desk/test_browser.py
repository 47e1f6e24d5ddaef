"""The desk in a real browser: Debian's headless Chromium driven by Selenium through the system
chromedriver. A case officer logs in, narrows the queue with a filter (HTMX swaps the table and
the address, and keeps no copy of the page in the browser's storage), opens a case, verifies it
and recommends it (the browser itself refuses an empty reason), and downloads its PDF; the
warehouse holds the steps and their audit rows."""
from __future__ import annotations

import pytest

from netra.dev import desk_screens
from netra.dev.cluster import free_port
from tests.desk.conftest import q

pytestmark = pytest.mark.db
if desk_screens.browser_paths() is None:
    pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver; "
                ".ci/run installs them)", allow_module_level=True)

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def _until(driver, ready, message: str):
    """What `ready()` gives once true. An element swapped out while being read (by HTMX, or by the
    page a click navigates to) is tried again: Chromium reports that either as a stale element or as
    an inspector error about a node that no longer belongs to the document."""
    def attempt(_):
        try:
            return ready()
        except WebDriverException as e:
            if isinstance(e, StaleElementReferenceException) or "does not belong to the document" in str(e.msg):
                return None
            raise
    return WebDriverWait(driver, 30).until(attempt, message)


def _wait(driver, css: str, text: str = ""):
    """The first element matching `css` (containing `text`), once the page shows it."""
    return _until(driver, lambda: next((e for e in driver.find_elements(By.CSS_SELECTOR, css) if text in e.text), None),
                  f"no {css} with {text!r} on {driver.current_url}")


def _step(driver, label: str, reason: str) -> None:
    """Take the step whose button reads `label`; first without a reason, which the browser refuses."""
    button = driver.find_element(By.XPATH, f"//form[@class='action']//button[normalize-space()='{label}']")
    reason_box = button.find_element(By.XPATH, "./ancestor::form//textarea[@name='alasan']")
    url = driver.current_url
    button.click()
    assert driver.execute_script("return arguments[0].validity.valueMissing", reason_box)
    assert driver.current_url == url
    reason_box.send_keys(reason)
    button.click()


def test_a_case_officer_verifies_recommends_and_downloads_the_pdf(app, logins, admin, fresh_cases, tmp_path):
    name, password = logins("netra_case_officer")
    case = fresh_cases()
    (code,), = q(admin, "SELECT o.code FROM cases.case c JOIN registry.opd o USING (opd_id) WHERE case_id = :c", c=case)
    expected = {str(r[0]) for r in q(admin, "SELECT case_id FROM cases.case c JOIN registry.opd o USING (opd_id) "
                                            "WHERE o.code = :o AND c.closed_at IS NULL", o=code)}
    downloads = tmp_path / "unduhan"
    downloads.mkdir()
    with desk_screens.serving(app, free_port()) as base, desk_screens.browser(downloads) as driver:
        desk_screens.log_in(driver, base, name, password)
        assert "Antrean kasus" in driver.page_source
        Select(driver.find_element(By.NAME, "opd")).select_by_value(code)
        _until(driver, lambda: f"opd={code}" in driver.current_url, "HTMX did not push the filtered address")
        _until(driver, lambda: {a.text.lstrip("#") for a in driver.find_elements(
            By.CSS_SELECTOR, "table.queue td:first-child a")} == expected, "the queue was not narrowed to the OPD")
        # no copy of the page (names, NIPs) is kept in the browser's storage for going back
        assert driver.execute_script("return sessionStorage.getItem('htmx-history-cache')") is None

        driver.find_element(By.LINK_TEXT, f"#{case}").click()
        assert _wait(driver, "h1", f"Kasus #{case}").find_element(By.CSS_SELECTOR, ".state").text == "Baru"
        _step(driver, "Verifikasi", "Akun terdaftar milik ASN; tangkapan layar sesuai")
        _wait(driver, ".ok", "Status kasus sekarang: Terverifikasi")
        _step(driver, "Rekomendasikan ke PPK", "Memenuhi unsur pelanggaran netralitas ASN")
        _wait(driver, ".ok", "Status kasus sekarang: Direkomendasikan ke PPK")
        assert driver.find_element(By.CSS_SELECTOR, "h1 .state").text == "Direkomendasikan ke PPK"
        timeline = driver.find_element(By.CSS_SELECTOR, ".timeline").text
        assert "Alasan: Memenuhi unsur pelanggaran netralitas ASN" in timeline

        driver.find_element(By.LINK_TEXT, "PDF untuk PPK").click()
        pdf = downloads / f"kasus-{case}.pdf"
        desk_screens.wait_until(lambda: pdf.exists() and not list(downloads.glob("*.crdownload")),
                                "the PDF was not downloaded")
    assert pdf.read_bytes().startswith(b"%PDF")
    steps = q(admin, "SELECT action, actor, reason FROM cases.event WHERE case_id = :c ORDER BY event_id", c=case)
    assert [tuple(s) for s in steps] == [("verifikasi", name, "Akun terdaftar milik ASN; tangkapan layar sesuai"),
                                         ("rekomendasikan", name, "Memenuhi unsur pelanggaran netralitas ASN")]
    trail = q(admin, "SELECT actor, db_role, detail->>'to' FROM audit.event WHERE kind = 'case_transition' "
                     "AND subject = :s ORDER BY event_id", s=f"case:{case}")
    assert [tuple(t) for t in trail] == [(name, name, "terverifikasi"), (name, name, "direkomendasikan")]
