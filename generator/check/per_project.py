"""Memory that lasts one project: the caches of texts read while it is checked.

A module that remembers text-level results (a section's words, whether a block holds placeholders)
registers how to clear them with :func:`forgotten_per_project`; :func:`forget_project` clears them all
before each project. Memory stays bounded by one project's texts, nothing read in one project is
reused for the next (a cohort of similar projects is read as if each were the first, and so are the
benchmark's copies), and a new cache cannot be left out of a list kept somewhere else.
"""

from __future__ import annotations

from collections.abc import Callable

_CLEARS: list[Callable[[], None]] = []


def forgotten_per_project(clear: Callable[[], None]) -> None:
    """Run ``clear`` (a cache's ``cache_clear``, say) before each project is checked."""
    _CLEARS.append(clear)


def forget_project() -> None:
    """Drop every text remembered of the last project."""
    for clear in _CLEARS:
        clear()
