"""The desk in a real browser: the desk served by uvicorn in a thread, headless Chromium driven by
Selenium (Debian's `chromium` and `chromium-driver`, never a downloaded one), and the README's two
screenshots (the queue and a case page) taken from a warehouse that already has cases.

    python -m netra.dev.desk_screens --warehouse postgresql://<superuser>@.../netra --out docs/img

makes a throwaway case-officer login for the shots and drops it afterwards; nothing is written to
the warehouse. tests/desk/test_browser.py drives the same browser.
"""
from __future__ import annotations

import argparse
import secrets
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

CHROMIUM, CHROMEDRIVER = "chromium", "chromedriver"
WIDTH = 1280


def browser_paths() -> tuple[str, str] | None:
    """Debian's Chromium and its driver, when both are installed."""
    found = shutil.which(CHROMIUM), shutil.which(CHROMEDRIVER)
    return found if all(found) else None


@contextmanager
def serving(app, port: int) -> Iterator[str]:
    """The app served on 127.0.0.1:port in a thread; yields its address."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, "the desk did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


@contextmanager
def browser(download_dir: Path | None = None) -> Iterator:
    """Headless Chromium through the system chromedriver (Selenium Manager is never asked to
    fetch one); downloads go to `download_dir` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are not installed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={WIDTH},900", "--lang=id-ID", "--hide-scrollbars"):
        options.add_argument(arg)
    if download_dir is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                                  "download.prompt_for_download": False,
                                                  "download.directory_upgrade": True})
    driver = webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_until(ready: Callable[[], object], failure: str, seconds: float = 30) -> object:
    """Poll until `ready()` gives something true; a RuntimeError with `failure` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not (value := ready()):
        if time.monotonic() > deadline:
            raise RuntimeError(failure)
        time.sleep(0.05)
    return value


def log_in(driver, base: str, login: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/masuk")
    driver.find_element(By.NAME, "nama").send_keys(login)
    driver.find_element(By.NAME, "sandi").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "table.queue, p.empty"), "no queue after log-in")


def screenshot(driver, path: Path, max_height: int = 2400) -> None:
    """The whole page (up to max_height pixels high) as a PNG."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, min(max(height, 600), max_height))
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    driver.set_window_size(WIDTH, 900)


def shoot(driver, base: str, case_id: int, out: Path) -> list[Path]:
    """The queue and one case page as desk-queue.png and desk-case.png under `out`."""
    driver.get(f"{base}/")
    queue, case = out / "desk-queue.png", out / "desk-case.png"
    screenshot(driver, queue, max_height=1100)
    driver.get(f"{base}/kasus/{case_id}")
    screenshot(driver, case)
    return [queue, case]


def main(argv: list[str] | None = None) -> int:
    from netra.dev.cluster import free_port
    from netra.desk.app import create_app

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--warehouse", required=True, help="SQLAlchemy URL of a warehouse with cases, as a superuser")
    p.add_argument("--out", type=Path, required=True, help="where desk-queue.png and desk-case.png go")
    p.add_argument("--case", type=int, help="the case page to show (default: the open case with most posts, up to 3)")
    args = p.parse_args(argv)
    admin = sa.create_engine(args.warehouse, poolclass=sa.pool.NullPool)
    name, password = f"petugas_contoh_{uuid.uuid4().hex[:6]}", secrets.token_urlsafe(16)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE ROLE "{name}" LOGIN PASSWORD :p IN ROLE netra_case_officer'), {"p": password})
        case_id = args.case or conn.execute(sa.text(
            "SELECT case_id FROM desk.queue WHERE NOT terminal AND findings <= 3 "
            "ORDER BY findings DESC, case_id LIMIT 1")).scalar()
    app = create_app(lambda: args.warehouse)
    try:
        with serving(app, free_port()) as base, browser() as driver:
            log_in(driver, base, name, password)
            for path in shoot(driver, base, case_id, args.out):
                print(path)
    finally:
        app.state.sessions.close_all()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP ROLE "{name}"'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
