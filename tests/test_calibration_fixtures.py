"""The calibration set's ranking file matches its fixture folders (issue 18).

Scores are not computed here: the calibration tests of `check` read these files. This only keeps the
hand-made ranking honest as fixtures are added or renamed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CALIBRATION = Path(__file__).parent / "fixtures" / "calibration"
RANKING = tomllib.loads((CALIBRATION / "ranking.toml").read_text(encoding="utf-8"))["fixtures"]
KINDS = {"excellent", "typical", "weak", "not-ml"}
READMES = ("README.md", "README.txt", "README.rst")


def test_every_fixture_folder_is_ranked_and_every_ranked_fixture_exists() -> None:
    folders = {path.name for path in CALIBRATION.iterdir() if path.is_dir() and not path.name.startswith(".")}
    assert folders == set(RANKING)


def test_the_set_is_large_and_mixed() -> None:
    kinds = [entry["kind"] for entry in RANKING.values()]
    assert len(kinds) >= 40
    assert {kind: kinds.count(kind) >= 4 for kind in KINDS} == dict.fromkeys(KINDS, True)


@pytest.mark.parametrize("name", sorted(RANKING))
def test_entry_shape(name: str) -> None:
    entry = RANKING[name]
    assert set(entry) == {"rank", "band", "kind"}
    assert entry["kind"] in KINDS
    assert isinstance(entry["rank"], int) and 1 <= entry["rank"] <= len(RANKING)
    low, high = entry["band"]
    assert isinstance(low, int) and isinstance(high, int)
    assert 0 <= low <= high <= 100
    assert high - low <= 30
    assert any((CALIBRATION / name / readme).is_file() for readme in READMES)


def test_ranks_follow_bands() -> None:
    """A better rank never has a lower band middle: the two judgements agree."""
    ordered = sorted(RANKING.values(), key=lambda entry: entry["rank"])
    middles = [sum(entry["band"]) / 2 for entry in ordered]
    assert middles == sorted(middles, reverse=True)


def test_sources_name_every_fixture() -> None:
    sources = (CALIBRATION / "SOURCES.md").read_text(encoding="utf-8")
    assert [name for name in RANKING if f"`{name}`" not in sources] == []


def test_filler_and_specific_bands_are_the_issues_bounds() -> None:
    assert RANKING["filler"]["band"][1] < 60
    assert RANKING["specific"]["band"][0] >= 85
