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
