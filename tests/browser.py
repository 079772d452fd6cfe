"""Headless Chromium for tests that must see a page the way a person's browser does.

Uses the system's Chromium and chromedriver (Debian: ``apt-get install chromium chromium-driver``)
through Selenium, with the paths given explicitly so Selenium never downloads a browser. A test
that asks for a browser when none is installed is skipped with the reason on a developer's
machine, and fails under ``CI=true``: ``.ci/run`` installs both, and a CI that stays green by
skipping them (Chromium there, its driver not) would hide exactly what these tests are for.

Usage::

    from tests.browser import console_errors, headless_browser, save_screenshot, serve_directory

    @pytest.mark.browser
    def test_page(tmp_path):
        with headless_browser(tmp_path) as driver:
            driver.get(page.as_uri())            # or, for pages that need http://:
            with serve_directory(page.parent) as base:
                driver.get(f"{base}/{page.name}")
            assert console_errors(driver) == []
            save_screenshot(driver, "my-page")
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

# Where the browser and its driver are looked for, in order (env overrides first).
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_CANDIDATES = ("chromedriver",)
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)


def _which(env_name: str, candidates: tuple[str, ...]) -> str | None:
    explicit = os.environ.get(env_name)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_browser() -> tuple[str, str] | None:
    """``(browser, chromedriver)`` paths, or None when either is missing.

    ``CHROMIUM_BIN`` and ``CHROMEDRIVER_BIN`` override the search of PATH.
    """
    browser = _which("CHROMIUM_BIN", BROWSER_CANDIDATES)
    driver = _which("CHROMEDRIVER_BIN", DRIVER_CANDIDATES)
    return (browser, driver) if browser and driver else None


def unavailable(reason: str) -> NoReturn:
    """Skip the test here; fail it in CI (``CI=true``), where the browser must be installed."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@contextmanager
def headless_browser(profile_parent: Path) -> Iterator[WebDriver]:
    """A fresh headless Chromium (own profile under ``profile_parent``); see :func:`unavailable` if none."""
    found = find_browser()
    if found is None:
        unavailable("no Chromium/chromedriver installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
    except ImportError:
        unavailable("selenium is not installed (pip install '.[test]')")
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = found
    profile = profile_parent / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) for pages that need http://; yields the base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def console_errors(driver: WebDriver) -> list[str]:
    """Messages the page logged at SEVERE level (JavaScript errors, failed loads) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def save_screenshot(driver: WebDriver, name: str) -> Path:
    """Save a PNG of the current page under ``test-artifacts/`` (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
