"""CI cannot pass by skipping: without a browser, browser tests skip on a laptop and fail under CI=true."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import headless_browser


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(ci: str, outcome, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("CHROMIUM_BIN", str(tmp_path / "no-such-chromium"))
    with pytest.raises(outcome, match="no Chromium/chromedriver installed"), headless_browser(tmp_path):
        pass


SHARED_FIXTURE_MODULE = """
import os
from pathlib import Path

import pytest

LOG = Path(os.environ["SETUP_LOG"])


@pytest.fixture(scope="module")
def expensive():
    with LOG.open("a") as log:
        log.write(__name__ + "\\n")


@pytest.mark.parametrize("case", range(6))
def test_uses_it(expensive, case):
    pass


@pytest.mark.parametrize("case", range(6))
def test_does_not(case):
    pass
"""


@pytest.mark.slow  # a nested pytest run with two workers of its own
def test_tests_sharing_a_module_fixture_run_on_one_worker(tmp_path: Path):
    """The suite's speed rests on `--dist loadgroup` honouring conftest's groups: a regression
    (pytest-xdist#1386: pytest 9.2 ignores the node ids xdist rewrites) trains every project twice."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text("from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    for name in ("test_alpha.py", "test_beta.py", "test_gamma.py"):
        (suite / name).write_text(SHARED_FIXTURE_MODULE)
    log = tmp_path / "setups.log"
    env = {**os.environ, "SETUP_LOG": str(log), "PYTHONPATH": str(root)}
    # without the plugins this check does not use: each of the three processes would load them
    plugins_off = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:anyio"]
    command = [sys.executable, "-m", "pytest", "-q", *plugins_off, "-n", "2", "--dist", "loadgroup"]
    result = subprocess.run([*command, str(suite)], cwd=suite, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    assert sorted(log.read_text().split()) == ["test_alpha", "test_beta", "test_gamma"]
