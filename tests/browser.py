"""Headless Chromium for tests that must see a page the way a person's browser does.

Uses the system's Chromium and chromedriver (Debian: ``apt-get install chromium chromium-driver``)
through Selenium, with the paths given explicitly so Selenium never downloads a browser. A test
that asks for a browser when none is installed is skipped with the reason — except under
``CI=true``, where it fails: ``.ci/run`` installs one, and a CI run that silently skipped its
browser tests would prove nothing.

:func:`axe_violations` runs the axe-core accessibility audit (from the npm registry; ``make
install`` puts it in ``.venv/node``) inside the page; a missing axe is handled like a missing browser.

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

import json
import os
import shutil
import sys
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
AXE_RELATIVE = Path("node") / "node_modules" / "axe-core" / "axe.min.js"
AXE_HELP = "npm install --prefix .venv/node axe-core (done by make install)"
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


@contextmanager
def headless_browser(profile_parent: Path) -> Iterator[WebDriver]:
    """A fresh headless Chromium (own profile under ``profile_parent``); skips the test if none exists."""
    found = find_browser()
    if found is None:
        missing("no Chromium/chromedriver installed (apt-get install chromium chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing("selenium is not installed (pip install '.[test]')")
    from selenium import webdriver
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


def missing(reason: str) -> NoReturn:
    """Skip for want of a tool, or fail under ``CI=true`` where the tool must be there."""
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"{reason}; CI must run the browser tests, not skip them")
    pytest.skip(reason)


def find_axe() -> Path | None:
    """axe.min.js: ``$AXE_CORE_JS``, else ``node/`` in this Python's environment or the project's ``.venv``."""
    explicit = os.environ.get("AXE_CORE_JS")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for base in (Path(sys.prefix), Path(__file__).resolve().parent.parent / ".venv"):
        if (base / AXE_RELATIVE).is_file():
            return base / AXE_RELATIVE
    return None


def axe_violations(driver: WebDriver, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2 A/AA and best practice) on the loaded page; the violations of ``impacts``.

    Each item is axe's own: ``id``, ``impact``, ``help`` and the ``nodes`` (targets) involved.
    """
    script = find_axe()
    if script is None:
        missing(f"axe-core is not installed ({AXE_HELP})")
    driver.execute_script(script.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify({error: String(e)})));"
    )
    violations = json.loads(result)
    if isinstance(violations, dict):
        raise AssertionError(f"axe-core failed: {violations['error']}")
    return [v for v in violations if v.get("impact") in impacts]


def console_errors(driver: WebDriver) -> list[str]:
    """Messages the page logged at SEVERE level (JavaScript errors, failed loads) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def save_screenshot(driver: WebDriver, name: str) -> Path:
    """Save a PNG of the current page under ``test-artifacts/`` (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
