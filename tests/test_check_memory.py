"""A check leaves nothing behind for the cyclic garbage collector, which it pauses while it runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.check import check_project
from generator.errors import TargetError
from tests.helpers import build_tree

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTS = sorted(
    path for folder in ("calibration", "readmes") for path in (FIXTURES / folder).iterdir() if path.is_dir()
)


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """``gc.garbage`` collecting every unreachable object (cycles included) from a clean start."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


def test_checks_make_no_reference_cycles(saved_garbage: list[object]) -> None:
    # what the collector would find is exactly what pausing it could leave in memory
    for project in PROJECTS:
        check_project(project)
    gc.collect()
    assert saved_garbage == [], [type(item).__name__ for item in saved_garbage[:10]]


def test_collector_is_on_again_after_a_check(tmp_path: Path) -> None:
    build_tree(tmp_path, {"README.md": "# Title\n\n## Data\n\nRows.\n"})
    assert gc.isenabled()
    check_project(tmp_path)
    assert gc.isenabled()
    with pytest.raises(TargetError):
        check_project(tmp_path / "missing")
    assert gc.isenabled()


def test_collector_stays_off_when_the_caller_turned_it_off(tmp_path: Path) -> None:
    build_tree(tmp_path, {"README.md": "# Title\n"})
    gc.disable()
    try:
        check_project(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
