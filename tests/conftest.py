"""Isolate every test from the developer's git config, caches and environment; sort tests for xdist.

Two collection rules keep ``make test`` parallel and ``make test-fast`` fast without per-test care:

- a test that uses a fixture declared with ``@trains_projects`` (tests/generated.py), directly or
  through another fixture, is marked ``slow``;
- tests that share a module- or class-scoped fixture (one parameter of it, for a parametrised one)
  form one ``xdist_group``, so ``--dist loadgroup`` sends them to one worker and the fixture is
  built once, while every other test goes to whichever worker is free.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import GIT_IDENTITY, ONE_THREAD

# Property tests without counts of their own try 300 examples each in `make test`; `make test-fast`,
# the inner loop, loads the `quick` profile (`--hypothesis-profile=quick`): the same properties on
# fewer examples. Deadlines are off: a shared 2-core runner makes single examples slow at random.
settings.register_profile("thorough", max_examples=300, deadline=None)
settings.register_profile("quick", max_examples=40, deadline=None)
settings.load_profile("thorough")

SHARED_SCOPES = {"module", "class"}


TRAINS = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)  # xdist turns `xdist_group` marks into node ids in its own hook: mark first
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        definitions = [defs[-1] for defs in info.name2fixturedefs.values() if defs] if info else []
        item.stash[TRAINS] = any(getattr(definition.func, "trains_projects", False) for definition in definitions)
        if item.stash[TRAINS]:
            item.add_marker(pytest.mark.slow)
        shared = [definition.argname for definition in definitions if definition.scope in SHARED_SCOPES]
        if shared:
            params = getattr(item, "callspec", None)
            chosen = sorted(str(params.params[name]) for name in shared if params and name in params.params)
            # xdist reads a group from the node id's last "@" only when no "]" follows it: no brackets
            group = "/".join([item.nodeid.split("::")[0], *chosen])
            item.add_marker(pytest.mark.xdist_group(group.replace("]", ")").replace("@", "_")))


class LongestFirst:
    """Longest first, so the workers finish together instead of one training alone at the end: groups
    that train projects, then other slow tests, then the rest. A stable sort that keeps each group
    together; it runs after pytest's own fixture-scope ordering. The generated-project groups (one type
    each) come before the modules that reuse several trained types, which then copy them."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        best: dict[str, int] = {}
        for item in items:
            best[_group(item)] = min(best.get(_group(item), 2), _rank(item))
        items.sort(key=lambda item: best[_group(item)])


def _group(item: pytest.Item) -> str:
    mark = item.get_closest_marker("xdist_group")
    return str(mark.args[0]) if mark else item.nodeid


def _rank(item: pytest.Item) -> int:
    return 0 if item.stash.get(TRAINS, False) else 1 if item.get_closest_marker("slow") else 2


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(LongestFirst(), "longest-first")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores. Many tests wait (a served model starting up, a
    stalled network fault, a pushed repository's server): a spare worker keeps every core busy then."""
    return len(os.sched_getaffinity(0)) + 1


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """A private HOME, git config and cache for each test; no tokens leak in from the shell."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test Author\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in GIT_IDENTITY:
        monkeypatch.delenv(name, raising=False)
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "PORTFOLIO_CATALOG", "PORTFOLIO_TRUSTED_CATALOGS", "PORTFOLIO_GITHUB_API"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # matplotlib's font list, built on its first import under a new HOME (0.4 CPU-s), once for the run:
    # shared by every worker (matplotlib locks it while writing), it is not what any test is about.
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path_factory.getbasetemp().parent / "matplotlib"))
    # A pytest run inside a test (a generated project's own suite) makes its numbered temporary folders
    # here: in the shared root it would delete earlier runs' folders, this run's finished ones included.
    monkeypatch.setenv("PYTEST_DEBUG_TEMPROOT", str(home))
    # Generated projects train small models in subprocesses and notebook kernels; with one thread each
    # they do not oversubscribe a 2-core runner (multi-threaded BLAS was ~9x slower there).
    for name in ONE_THREAD:
        monkeypatch.setenv(name, "1")
    return home


@pytest.fixture
def no_git_identity(isolated_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME whose git config has no user name or email."""
    (isolated_environment / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("EMAIL", "")
    return isolated_environment


@pytest.fixture
def github_server(tmp_path_factory: pytest.TempPathFactory):
    """A fresh loopback GitHub (REST API + git smart-HTTP) per test; see tests/github_server.py."""
    from tests.github_server import FakeGitHub

    with FakeGitHub(tmp_path_factory.mktemp("github")) as server:
        yield server
